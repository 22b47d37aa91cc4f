// What the app weighs on the wire: the JS and CSS a phone loads before its first screen
// (scripts/first-start-size.ts, the same count the build checks against its budget) and the
// whole precache the service worker downloads for offline use, each file gzipped (level 9, as
// the server's static files are compressed on the fly with a lower level: this is the floor).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { firstStartSize } from '../../scripts/first-start-size';

export type WeightFigures = {
  /** KB = 1,024 bytes, gzipped. */
  firstStartKB: number;
  firstStartFiles: { file: string; gzipKB: number }[];
  precacheKB: number;
  precacheRawKB: number;
  precacheEntries: number;
  serviceWorkerKB: number;
};

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** The precache list vite-plugin-pwa injected into the built service worker. */
export function precacheUrls(distDir: string): string[] {
  const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
  return [...new Set([...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] ?? ''))].filter((u) => u !== '');
}

export function measureWeight(distDir: string): WeightFigures {
  const first = firstStartSize(distDir);
  const urls = precacheUrls(distDir);
  if (urls.length === 0) throw new Error(`no precache list found in ${join(distDir, 'sw.js')}`);
  let raw = 0;
  let gzip = 0;
  for (const url of urls) {
    const content = readFileSync(join(distDir, url));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return {
    firstStartKB: kb(first.gzipBytes),
    firstStartFiles: first.assets.map((a) => ({ file: a.file, gzipKB: kb(a.gzipBytes) })),
    precacheKB: kb(gzip),
    precacheRawKB: kb(raw),
    precacheEntries: urls.length,
    serviceWorkerKB: kb(gzipSync(readFileSync(join(distDir, 'sw.js')), { level: 9 }).length),
  };
}
