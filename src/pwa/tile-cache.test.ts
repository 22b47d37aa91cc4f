import { describe, expect, it } from 'vitest';
import { createTileCache, isTileRequest, TILE_CACHE, type TileCacheStorage, type TileCacheStore } from './tile-cache';

/** An in-memory Cache API: keys in the order they were first put, as the real one keeps them. */
function memoryCaches() {
  const entries = new Map<string, Response>();
  const keyOf = (r: RequestInfo | URL) => (typeof r === 'string' ? r : r instanceof URL ? r.href : r.url);
  const store: TileCacheStore = {
    match: async (r) => entries.get(keyOf(r))?.clone(),
    put: async (r, response) => {
      entries.set(keyOf(r), response);
    },
    delete: async (r) => entries.delete(keyOf(r)),
    keys: async () => [...entries.keys()].map((url) => new Request(url)),
  };
  const opened: string[] = [];
  const storage: TileCacheStorage = {
    open: async (name) => {
      opened.push(name);
      return store;
    },
  };
  return { storage, entries, opened };
}

const ORIGIN = 'https://ngoso.example.vn';
const tile = (z: number, x: number, y: number) => new Request(`${ORIGIN}/tiles/${z}/${x}/${y}.png`);
const png = (bytes: number) => new Response(new Uint8Array(bytes), { status: 200, headers: { 'Content-Type': 'image/png' } });

function setup(options: { online?: () => boolean; maxTiles?: number; maxBytes?: number; checkEvery?: number } = {}) {
  const { storage, entries, opened } = memoryCaches();
  let clock = 1_000;
  const fetched: string[] = [];
  const online = options.online ?? (() => true);
  const cache = createTileCache({
    caches: storage,
    cap: { maxBytes: options.maxBytes ?? 1_000_000, maxTiles: options.maxTiles ?? 1000 },
    checkEvery: options.checkEvery ?? 1,
    maxAgeMs: 10_000,
    now: () => clock,
    fetch: async (request) => {
      if (!online()) throw new TypeError('Failed to fetch');
      fetched.push(request.url);
      return png(100);
    },
  });
  return { cache, entries, opened, fetched, tick: (ms: number) => (clock += ms) };
}

describe('isTileRequest', () => {
  it('takes image GETs of …/{z}/{x}/{y}.png and nothing of the app', () => {
    expect(isTileRequest(tile(15, 26014, 14398))).toBe(true);
    expect(isTileRequest(new Request(`${ORIGIN}/tiles/15/26014/14398.png`, { method: 'POST' }))).toBe(false);
    expect(isTileRequest(new Request(`${ORIGIN}/icons/icon-192.png`))).toBe(false);
    expect(isTileRequest(new Request(`${ORIGIN}/api/sync/pull`))).toBe(false);
  });
});

describe('tile cache', () => {
  it('keeps a tile seen online and serves it offline', async () => {
    let online = true;
    const { cache, fetched, opened } = setup({ online: () => online });
    expect((await cache.respond(tile(15, 1, 2))).status).toBe(200);
    online = false;
    const offline = await cache.respond(tile(15, 1, 2));
    expect(offline.status).toBe(200);
    expect((await offline.arrayBuffer()).byteLength).toBe(100);
    expect(fetched).toHaveLength(1);
    expect(new Set(opened)).toEqual(new Set([TILE_CACHE]));
  });

  it('does not ask the network for a tile it has, while the tile is fresh', async () => {
    const { cache, fetched } = setup();
    await cache.respond(tile(15, 1, 2));
    await cache.respond(tile(15, 1, 2));
    expect(fetched).toHaveLength(1);
  });

  it('fetches an old tile again when online, and serves the old one when offline', async () => {
    let online = true;
    const { cache, fetched, tick } = setup({ online: () => online });
    await cache.respond(tile(15, 1, 2));
    tick(20_000);
    online = false;
    expect((await cache.respond(tile(15, 1, 2))).status).toBe(200);
    online = true;
    await cache.respond(tile(15, 1, 2));
    expect(fetched).toHaveLength(2);
  });

  it('answers 504 offline for a tile never seen, and keeps nothing', async () => {
    const { cache, entries } = setup({ online: () => false });
    expect((await cache.respond(tile(15, 9, 9))).status).toBe(504);
    expect(entries.size).toBe(0);
  });

  it('keeps no error answer', async () => {
    const { storage, entries } = memoryCaches();
    const cache = createTileCache({ caches: storage, fetch: async () => new Response('missing', { status: 404 }) });
    expect((await cache.respond(tile(15, 1, 1))).status).toBe(404);
    expect(entries.size).toBe(0);
  });

  it('keeps no page that a server answers for a path it does not have', async () => {
    const { storage, entries } = memoryCaches();
    const html = () => new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    const cache = createTileCache({ caches: storage, fetch: async () => html() });
    expect((await cache.respond(tile(15, 1, 1))).status).toBe(200);
    expect(entries.size).toBe(0);
  });

  it('stays within its cap, dropping the oldest tiles', async () => {
    const { cache, entries, tick } = setup({ maxTiles: 10 });
    for (let x = 0; x < 12; x += 1) {
      await cache.respond(tile(15, x, 0));
      tick(1);
    }
    expect(entries.size).toBeLessThanOrEqual(10);
    expect([...entries.keys()]).not.toContain(`${ORIGIN}/tiles/15/0/0.png`);
    expect([...entries.keys()]).toContain(`${ORIGIN}/tiles/15/11/0.png`);
  });

  it('counts bytes against the cap', async () => {
    const { cache, entries, tick } = setup({ maxBytes: 350 });
    for (let x = 0; x < 5; x += 1) {
      await cache.respond(tile(15, x, 0));
      tick(1);
    }
    expect(entries.size).toBe(3);
    expect(await cache.trim()).toBe(0);
  });
});
