// Map tiles seen online, kept in the Cache API ('ngo-so-map-tiles') for offline use, within a
// cap in bytes and tiles; each entry carries its size and when it was stored in two headers.
// Runs in the service worker (it only needs `caches` and `fetch`, in window and worker alike).
import { DEFAULT_TILE_CAP, isTileUrl, tilesToEvict, type CachedTile, type TileCap } from '../domain/map-tiles';

export const TILE_CACHE = 'ngo-so-map-tiles';
const BYTES_HEADER = 'X-Ngo-So-Tile-Bytes';
const STORED_HEADER = 'X-Ngo-So-Tile-Stored';

/** The parts of the Cache API used here, so that a test can hand in its own. */
export type TileCacheStore = Pick<Cache, 'match' | 'put' | 'delete' | 'keys'>;
export type TileCacheStorage = { open(name: string): Promise<TileCacheStore> };

export type TileCacheOptions = {
  cap?: TileCap;
  /** A tile older than this is fetched again when online; the old one serves when offline. */
  maxAgeMs?: number;
  /** The cap is checked after this many new tiles (a check reads every entry's headers). */
  checkEvery?: number;
  caches?: TileCacheStorage;
  fetch?: (request: Request) => Promise<Response>;
  now?: () => number;
};

/** Map tiles: GET image requests whose path is …/{z}/{x}/{y}.png (see isTileUrl). */
export function isTileRequest(request: Request): boolean {
  return request.method === 'GET' && (request.destination === 'image' || request.destination === '') && isTileUrl(new URL(request.url));
}

/**
 * An image that came whole: not an error, not the app's index.html that a server answers for
 * unknown paths, and not opaque (another origin without CORS: no size to count against the cap).
 */
function isKeepable(response: Response): boolean {
  return response.status === 200 && response.type !== 'opaque' && (response.headers.get('Content-Type') ?? '').startsWith('image/');
}

export type TileCacheHandler = {
  /** Cache first (refreshed once old), network when missing; offline and missing: a 504, and the map shows its plain background. */
  respond(request: Request): Promise<Response>;
  /** Deletes the oldest tiles while over the cap; returns how many went. */
  trim(): Promise<number>;
};

export function createTileCache(options: TileCacheOptions = {}): TileCacheHandler {
  const cap = options.cap ?? DEFAULT_TILE_CAP;
  const maxAgeMs = options.maxAgeMs ?? 30 * 24 * 60 * 60 * 1000;
  const checkEvery = options.checkEvery ?? 20;
  const storage = options.caches ?? caches;
  const fetchTile = options.fetch ?? ((request: Request) => fetch(request));
  const now = options.now ?? Date.now;
  let storedSinceCheck = 0;

  async function store(cache: TileCacheStore, key: string, response: Response): Promise<void> {
    const body = await response.clone().arrayBuffer();
    const headers = new Headers(response.headers);
    headers.set(BYTES_HEADER, String(body.byteLength));
    headers.set(STORED_HEADER, String(now()));
    await cache.put(key, new Response(body, { status: response.status, statusText: response.statusText, headers }));
    storedSinceCheck += 1;
    if (storedSinceCheck >= checkEvery) await trim();
  }

  async function trim(): Promise<number> {
    storedSinceCheck = 0;
    const cache = await storage.open(TILE_CACHE);
    const tiles: CachedTile[] = [];
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      tiles.push({
        url: request.url,
        bytes: Number(response?.headers.get(BYTES_HEADER) ?? 0),
        storedAt: Number(response?.headers.get(STORED_HEADER) ?? 0),
      });
    }
    const evicted = tilesToEvict(tiles, cap);
    for (const url of evicted) await cache.delete(url);
    return evicted.length;
  }

  async function respond(request: Request): Promise<Response> {
    const cache = await storage.open(TILE_CACHE);
    const key = request.url;
    const cached = await cache.match(key);
    const storedAt = Number(cached?.headers.get(STORED_HEADER) ?? 0);
    if (cached !== undefined && now() - storedAt < maxAgeMs) return cached;
    let response: Response;
    try {
      response = await fetchTile(request);
    } catch {
      return cached ?? new Response(null, { status: 504, statusText: 'Offline' });
    }
    if (isKeepable(response)) await store(cache, key, response);
    else if (cached !== undefined) return cached;
    return response;
  }

  return { respond, trim };
}
