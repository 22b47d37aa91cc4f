// The server against a small fake build in a temporary folder, with a secret file beside it
// that no request may ever reach.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHARED_TOKEN, configFromEnv, startServer, type RunningServer } from './main';
import { CONTENT_SECURITY_POLICY, INDEX_HTML_STYLE_HASHES } from './security-headers';

const SECRET = 'secret-beside-dist';
const INDEX = '<!doctype html><title>Ngõ Số</title><div id="app"></div>';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A request sent exactly as written: unlike fetch, node:http does not tidy `..` away. */
function get(origin: string, path: string, method = 'GET', headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request(new URL(origin), { path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the server', () => {
  let tmp = '';
  let server: RunningServer | undefined;
  const origin = () => server?.url ?? 'http://127.0.0.1:1/';

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ngo-so-server-'));
    const dist = join(tmp, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(tmp, 'secret.txt'), SECRET);
    await writeFile(join(dist, 'index.html'), INDEX);
    await writeFile(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    await writeFile(join(dist, 'manifest.webmanifest'), '{"name":"Ngõ Số"}');
    await writeFile(join(dist, 'assets', 'index-abc123.js'), `console.log("${'x'.repeat(4000)}");`);
    server = await startServer({ port: 0, host: '127.0.0.1', distDir: dist });
  });

  afterAll(async () => {
    await server?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 at the port the system chose', () => {
    expect(server?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server?.port).toBeGreaterThan(0);
  });

  it('answers the health check in JSON', async () => {
    const answer = await get(origin(), '/api/health');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body)).toEqual({ ok: true, serverTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
  });

  it('says in JSON that an unknown API address does not exist, without falling back to the app', async () => {
    for (const path of ['/api/nope', '/api', '/api/health/extra']) {
      const answer = await get(origin(), path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(/no API endpoint/) });
    }
  });

  it('tells which methods an API address answers', async () => {
    const answer = await get(origin(), '/api/health', 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
  });

  it('serves index.html, sw.js and the manifest to be revalidated every time', async () => {
    const cases = [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/sw.js', 'text/javascript; charset=utf-8'],
      ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
    ] as const;
    for (const [path, type] of cases) {
      const answer = await get(origin(), path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-type'], path).toBe(type);
      expect(answer.headers['cache-control'], path).toBe('no-cache');
    }
  });

  it('lets browsers keep hashed assets for a year', async () => {
    const answer = await get(origin(), '/assets/index-abc123.js');
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('gzips text when the browser accepts it, and answers 304 when nothing changed', async () => {
    const zipped = await get(origin(), '/assets/index-abc123.js', 'GET', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const etag = String(zipped.headers.etag);
    const again = await get(origin(), '/assets/index-abc123.js', 'GET', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('opens the app for any other address, so its router can show the screen', async () => {
    for (const path of ['/ho/123', '/khu-vuc?x=1', '/deep/link/with.dot']) {
      const answer = await get(origin(), path);
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).toBe(INDEX);
      expect(answer.headers['cache-control'], path).toBe('no-cache');
    }
  });

  it('does not answer a missing hashed asset with HTML', async () => {
    const answer = await get(origin(), '/assets/index-gone.js');
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('never serves a file from outside dist', async () => {
    const attempts = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%00/../secret.txt',
      '//../secret.txt',
    ];
    for (const path of attempts) {
      const answer = await get(origin(), path);
      expect(answer.body, path).not.toContain(SECRET);
      expect([200, 400, 404], path).toContain(answer.status);
    }
  });

  it.each([['/'], ['/index.html'], ['/assets/index-abc123.js'], ['/api/health'], ['/api/nope'], ['/api/sync/pull'], ['/assets/index-gone.js']])(
    'sends the security headers with %s',
    async (path) => {
      const answer = await get(origin(), path);
      expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['permissions-policy']).toMatch(/geolocation=\(self\)/);
    },
  );

  it('allows no third-party origin and no inline script in its CSP', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-inline|unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self';/);
  });

  it('allows each style attribute of index.html by its hash, and no other', async () => {
    const html = await readFile(new URL('../../index.html', import.meta.url), 'utf8');
    const hashes = [...html.matchAll(/\sstyle="([^"]*)"/g)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
    expect(INDEX_HTML_STYLE_HASHES.sort(), 'index.html changed a style attribute: update INDEX_HTML_STYLE_HASHES in security-headers.ts').toEqual(hashes.sort());
  });

  it('refuses a request announcing a body over the limit, anywhere', async () => {
    for (const path of ['/', '/api/health', '/api/auth/sign-in']) {
      const answer = await get(origin(), path, 'POST', { 'content-length': String(64 * 1024 * 1024) });
      expect(answer.status, path).toBe(413);
    }
  });

  it('refuses to change anything outside the API', async () => {
    const answer = await get(origin(), '/index.html', 'DELETE');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});

describe('configFromEnv', () => {
  it('serves on 127.0.0.1:8080 unless told otherwise', () => {
    expect(configFromEnv({}, '/app')).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: '/app/data' });
  });

  it('takes the old shared sync token of one commune: SYNC_COMMUNE and SYNC_TOKEN, else the demo ones', () => {
    expect(configFromEnv({}, '/app').sharedToken).toEqual(DEMO_SHARED_TOKEN);
    expect(configFromEnv({ SYNC_TOKEN: ' s3cret ' }, '/app').sharedToken).toEqual({ communeCode: 'DEMO-XA', token: 's3cret' });
    expect(configFromEnv({ SYNC_COMMUNE: '12345', SYNC_TOKEN: 's3cret' }, '/app').sharedToken).toEqual({ communeCode: '12345', token: 's3cret' });
    expect(configFromEnv({ SYNC_COMMUNE: 'X1' }, '/app').sharedToken).toEqual({ communeCode: 'X1', token: 'ngo-so-demo' });
  });

  it('takes PORT, HOST and DATA_DIR from the environment', () => {
    expect(configFromEnv({ PORT: '9000', HOST: '0.0.0.0', DATA_DIR: '/var/ngo-so' }, '/app')).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/ngo-so',
    });
  });

  it.each([['abc'], ['-1'], ['70000'], ['80.5']])('refuses PORT=%s in plain words', (port) => {
    expect(() => configFromEnv({ PORT: port })).toThrow(/PORT must be a whole number/);
  });
});
