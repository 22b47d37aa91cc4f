// The map's optional background tiles: the phone's setting (a URL template, checked here), which
// requests are tiles, and which cached tiles to drop when the cache is over its cap. Pure.
//
// No tile server is built in: the app's Content-Security-Policy admits its own origin only, so a
// commune serves tiles from the app's own server (e.g. /tiles/{z}/{x}/{y}.png), or whoever runs
// the server adds the tile origin to img-src (see docs/map.md).
import * as z from 'zod/mini';

const MAX_TEMPLATE_LENGTH = 500;
const MAX_ATTRIBUTION_LENGTH = 200;

export const TileSetting = z.object({
  /** Leaflet's form: {z}, {x}, {y}, optionally {s}; relative to the app's origin or absolute https. */
  template: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TEMPLATE_LENGTH)),
  /** Shown in the corner of the map, as the tiles' licence asks. */
  attribution: z.string().check(z.trim(), z.maxLength(MAX_ATTRIBUTION_LENGTH, 'Ghi nguồn tối đa 200 ký tự')),
});
export type TileSetting = z.infer<typeof TileSetting>;

export type TemplateCheck =
  | {
      ok: true;
      template: string;
      /** On another origin: blocked unless the server's CSP names it. */
      crossOrigin: boolean;
      /** Its tiles match isTileUrl, so the service worker keeps them for offline use. */
      cacheable: boolean;
    }
  | { ok: false; error: string };

const T = {
  placeholders: 'Địa chỉ mẫu phải có đủ {z}, {x} và {y}',
  scheme: 'Địa chỉ mẫu phải bắt đầu bằng / (trên máy chủ của Ngõ Số) hoặc https://',
  invalid: 'Địa chỉ mẫu không hợp lệ',
  tooLong: `Địa chỉ mẫu tối đa ${MAX_TEMPLATE_LENGTH} ký tự`,
};

/** The URL of one tile: what Leaflet would ask for. */
export function tileUrl(template: string, tile: { z: number; x: number; y: number }, subdomain = 'a'): string {
  return template
    .replaceAll('{z}', String(tile.z))
    .replaceAll('{x}', String(tile.x))
    .replaceAll('{y}', String(tile.y))
    .replaceAll('{s}', subdomain)
    .replaceAll('{r}', '');
}

export function checkTileTemplate(input: string, appOrigin: string): TemplateCheck {
  const template = input.trim();
  if (template.length > MAX_TEMPLATE_LENGTH) return { ok: false, error: T.tooLong };
  if (!['{z}', '{x}', '{y}'].every((p) => template.includes(p))) return { ok: false, error: T.placeholders };
  const isRelative = template.startsWith('/') && !template.startsWith('//');
  if (!isRelative && !template.startsWith('https://') && !template.startsWith('http://localhost')) return { ok: false, error: T.scheme };
  let url: URL;
  try {
    url = new URL(tileUrl(template, { z: 15, x: 26014, y: 14398 }), appOrigin);
  } catch {
    return { ok: false, error: T.invalid };
  }
  return { ok: true, template, crossOrigin: url.origin !== new URL(appOrigin).origin, cacheable: isTileUrl(url) };
}

/** A tile by its path: …/{z}/{x}/{y}.png (or .jpg, .jpeg, .webp, with @2x), zoom 0–22. */
const TILE_PATH = /\/(\d|1\d|2[0-2])\/\d{1,7}\/\d{1,7}(@2x)?\.(png|jpe?g|webp)$/i;

export function isTileUrl(url: URL): boolean {
  return (url.protocol === 'https:' || url.protocol === 'http:') && TILE_PATH.test(url.pathname);
}

export type CachedTile = { url: string; bytes: number; storedAt: number };
export type TileCap = { maxBytes: number; maxTiles: number };

/** About a commune at street zoom levels with room to spare; a phone's quota is far larger. */
export const DEFAULT_TILE_CAP: TileCap = { maxBytes: 30 * 1024 * 1024, maxTiles: 3000 };

/** A full cache is trimmed to this share of the cap, so it is not trimmed again at the next tile. */
export const TRIM_TO = 0.9;

/**
 * The tiles to delete so that the cache is within its cap: none while it is within, otherwise the
 * oldest first until it is down to TRIM_TO of the cap in both bytes and count. Ties keep the
 * given order (the cache's own, oldest put first).
 */
export function tilesToEvict(tiles: readonly CachedTile[], cap: TileCap): string[] {
  let bytes = tiles.reduce((sum, t) => sum + t.bytes, 0);
  let count = tiles.length;
  if (bytes <= cap.maxBytes && count <= cap.maxTiles) return [];
  const keepBytes = cap.maxBytes * TRIM_TO;
  const keepTiles = Math.floor(cap.maxTiles * TRIM_TO);
  const oldestFirst = tiles.map((t, i) => ({ t, i })).sort((a, b) => a.t.storedAt - b.t.storedAt || a.i - b.i);
  const evicted: string[] = [];
  for (const { t } of oldestFirst) {
    if (bytes <= keepBytes && count <= keepTiles) break;
    evicted.push(t.url);
    bytes -= t.bytes;
    count -= 1;
  }
  return evicted;
}
