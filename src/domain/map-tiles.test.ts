import { describe, expect, it } from 'vitest';
import { checkTileTemplate, isTileUrl, tileUrl, tilesToEvict, type CachedTile } from './map-tiles';

const APP = 'https://ngoso.example.vn';

describe('checkTileTemplate', () => {
  it('accepts tiles on the app’s own server, cacheable', () => {
    expect(checkTileTemplate(' /tiles/{z}/{x}/{y}.png ', APP)).toEqual({ ok: true, template: '/tiles/{z}/{x}/{y}.png', crossOrigin: false, cacheable: true });
  });

  it('accepts the app’s own origin written in full', () => {
    expect(checkTileTemplate(`${APP}/tiles/{z}/{x}/{y}.webp`, APP)).toMatchObject({ ok: true, crossOrigin: false, cacheable: true });
  });

  it('marks another origin, which the CSP blocks until it names it', () => {
    expect(checkTileTemplate('https://{s}.tiles.example.org/{z}/{x}/{y}.png', APP)).toMatchObject({ ok: true, crossOrigin: true });
  });

  it('says when the service worker will not keep the tiles (not a …/{z}/{x}/{y}.png path)', () => {
    expect(checkTileTemplate('/wmts?layer=base&z={z}&x={x}&y={y}', APP)).toMatchObject({ ok: true, cacheable: false });
  });

  it.each([
    ['/tiles/{z}/{x}.png', 'Địa chỉ mẫu phải có đủ {z}, {x} và {y}'],
    ['', 'Địa chỉ mẫu phải có đủ {z}, {x} và {y}'],
    ['http://tiles.example.org/{z}/{x}/{y}.png', 'Địa chỉ mẫu phải bắt đầu bằng / (trên máy chủ của Ngõ Số) hoặc https://'],
    ['//tiles.example.org/{z}/{x}/{y}.png', 'Địa chỉ mẫu phải bắt đầu bằng / (trên máy chủ của Ngõ Số) hoặc https://'],
    [`/tiles/${'a'.repeat(500)}/{z}/{x}/{y}.png`, 'Địa chỉ mẫu tối đa 500 ký tự'],
    ['javascript:{z}{x}{y}', 'Địa chỉ mẫu phải bắt đầu bằng / (trên máy chủ của Ngõ Số) hoặc https://'],
  ])('refuses %j', (template, error) => {
    expect(checkTileTemplate(template, APP)).toEqual({ ok: false, error });
  });
});

describe('isTileUrl', () => {
  it.each([
    ['/tiles/15/26014/14398.png', true],
    ['/tiles/0/0/0.png', true],
    ['/a/b/18/208112/115186@2x.jpg', true],
    ['/tiles/15/26014/14398.webp', true],
    ['/icons/icon-192.png', false],
    ['/assets/index-abc123.js', false],
    ['/tiles/23/1/1.png', false],
  ])('%s → %s', (path, expected) => {
    expect(isTileUrl(new URL(path, APP))).toBe(expected);
  });

  it('matches what the template expands to', () => {
    expect(isTileUrl(new URL(tileUrl('/tiles/{z}/{x}/{y}.png', { z: 17, x: 104056, y: 57592 }), APP))).toBe(true);
  });
});

describe('tilesToEvict', () => {
  const tile = (url: string, bytes: number, storedAt: number): CachedTile => ({ url, bytes, storedAt });

  it('drops nothing within the cap', () => {
    expect(tilesToEvict([tile('a', 40, 1), tile('b', 60, 2)], { maxBytes: 100, maxTiles: 2 })).toEqual([]);
  });

  it('drops the oldest first, down to 90% of the bytes', () => {
    const tiles = [tile('new', 30, 3), tile('old', 30, 1), tile('mid', 30, 2), tile('newest', 30, 4)];
    // 120 bytes over a cap of 100: down to 90 means one tile goes.
    expect(tilesToEvict(tiles, { maxBytes: 100, maxTiles: 10 })).toEqual(['old']);
  });

  it('drops down to 90% of the count', () => {
    const tiles = Array.from({ length: 11 }, (_, i) => tile(`t${i}`, 1, i));
    expect(tilesToEvict(tiles, { maxBytes: 1000, maxTiles: 10 })).toEqual(['t0', 't1']);
  });

  it('keeps the cache’s own order between tiles stored at the same time', () => {
    const tiles = [tile('first', 50, 5), tile('second', 50, 5), tile('third', 50, 5)];
    expect(tilesToEvict(tiles, { maxBytes: 100, maxTiles: 10 })).toEqual(['first', 'second']);
  });

  it('ends within the cap however large the tiles', () => {
    const tiles = [tile('a', 500, 1), tile('b', 10, 2)];
    expect(tilesToEvict(tiles, { maxBytes: 100, maxTiles: 10 })).toEqual(['a']);
  });
});
