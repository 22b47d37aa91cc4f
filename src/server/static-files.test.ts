import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheControl, contentType, fileInside, IMMUTABLE, REVALIDATE } from './static-files';

const root = resolve('/srv/ngo-so/dist');

describe('fileInside', () => {
  it.each([
    ['/', root],
    ['/index.html', join(root, 'index.html')],
    ['/assets/index-abc123.js', join(root, 'assets/index-abc123.js')],
    ['/icons/icon-192.png', join(root, 'icons/icon-192.png')],
    ['/h%E1%BB%99.html', join(root, 'hộ.html')],
    ['/assets/../index.html', join(root, 'index.html')],
  ])('finds %s inside dist', (path, file) => {
    expect(fileInside(root, path)).toBe(file);
  });

  it.each([
    ['/../secret.txt'],
    ['/..%2fsecret.txt'],
    ['/%2e%2e/secret.txt'],
    ['/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['/assets/..%2f..%2f..%2fetc/passwd'],
    ['/..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd'],
    ['/..'],
    ['/../dist-other/index.html'],
  ])('refuses %s, which leads out of dist', (path) => {
    expect(fileInside(root, path)).toBeUndefined();
  });

  it.each([['/%00'], ['/index.html%00.png'], ['/%E0%A4%A'], ['/%']])('refuses the malformed path %s', (path) => {
    expect(fileInside(root, path)).toBeUndefined();
  });
});

describe('contentType', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['icons/icon-192.png', 'image/png'],
    ['icons/logo.svg', 'image/svg+xml'],
    ['data.json', 'application/json; charset=utf-8'],
    ['ICON.PNG', 'image/png'],
    ['unknown.bin', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentType(file)).toBe(type);
  });
});

describe('cacheControl', () => {
  it.each([
    ['/assets/index-abc123.js', IMMUTABLE],
    ['/index.html', REVALIDATE],
    ['/sw.js', REVALIDATE],
    ['/manifest.webmanifest', REVALIDATE],
    ['/icons/icon-192.png', REVALIDATE],
    ['/assets-not-really/x.js', REVALIDATE],
  ])('%s is cached as %s', (path, rule) => {
    expect(cacheControl(path)).toBe(rule);
  });
});
