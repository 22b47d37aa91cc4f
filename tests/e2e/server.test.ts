// Proves the harness: the real build, served by the real server, reached by fetch and by
// Chromium. The app's own journeys live in their own files.
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser';
import { useAppServer } from './support/server';

describe('the server, serving the build', () => {
  const app = useAppServer();
  const session = useBrowser();

  it('answers the health check', async () => {
    const res = await fetch(app.url('/api/health'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: true, serverTime: expect.any(String) });
  });

  it('serves the manifest that index.html links to, as a web app manifest', async () => {
    const html = await (await fetch(app.url('/'))).text();
    const href = /<link[^>]*rel="manifest"[^>]*href="([^"]+)"/.exec(html)?.[1] ?? /<link[^>]*href="([^"]+)"[^>]*rel="manifest"/.exec(html)?.[1];
    expect(href, 'index.html links a manifest').toBeDefined();
    const res = await fetch(app.url(href));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toMatchObject({ short_name: 'Ngõ Số', lang: 'vi' });
  });

  it('opens the app in Chromium at an address it does not know', async () => {
    const res = await session.page.goto(app.url('/ho/khong-co-that'));
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toMatch(/^text\/html/);
    expect(await res?.text()).toContain('<title>Ngõ Số</title>');
  });

  it('says in JSON that an unknown API address does not exist', async () => {
    const res = await fetch(app.url('/api/khong-co'));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});
