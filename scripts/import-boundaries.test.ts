// Imports go one way (docs: style.md): the domain is pure and shared by phone and server, the
// server never reaches into the browser's layers, and nothing imports the UI.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** A relative import as seen from the layer's folder, so files in subfolders follow the same rule. */
function fromLayer(layerDir: string, file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const target = relative(layerDir, join(dirname(file), spec)).split(sep).join('/');
  return target.startsWith('../') ? target : `./${target}`;
}

/** Value imports only: `import type` is free to cross layers, it leaves nothing in the bundle. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\s)[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

const LAYERS: Record<string, { allowed: RegExp; why: string }> = {
  'src/domain': { allowed: /^(\.\/|zod\/mini$|zod$)/, why: 'the domain is pure: only zod and other domain modules' },
  'src/db': { allowed: /^(\.\/|\.\.\/domain\/|dexie$|idb-keyval$)/, why: 'the store builds on the domain only' },
  'src/sync': { allowed: /^(\.\/|\.\.\/db\/|\.\.\/domain\/|zod\/mini$)/, why: 'the sync engine builds on the store and the domain, and is the only caller of fetch for sync' },
  'src/pwa': { allowed: /^(\.\/|\.\.\/domain\/|workbox-window$)/, why: 'the PWA bridge knows the service worker, not the screens' },
  'src/server': {
    allowed: /^(\.\/|\.\.\/domain\/|node:|hono(\/|$)|@hono\/node-server$|better-sqlite3$)/,
    why: 'the server shares the domain and runs on Node (Hono, better-sqlite3), never the browser layers',
  },
  sw: { allowed: /^(\.\/|\.\.\/src\/domain\/|\.\.\/src\/pwa\/tile-cache$|workbox-)/, why: 'the service worker shares the domain and the map tile cache only (it never syncs: the token is sealed under the PIN)' },
};

describe('import boundaries', () => {
  for (const [dir, { allowed, why }] of Object.entries(LAYERS)) {
    it(`${dir}: ${why}`, () => {
      const crossings = sourceFiles(join(root, dir)).flatMap((file) =>
        valueImports(file)
          .filter((spec) => !allowed.test(fromLayer(join(root, dir), file, spec)))
          .map((spec) => `${relative(root, file)} imports ${spec}`),
      );
      expect(crossings).toEqual([]);
    });
  }

  it('nothing outside src/ui imports the UI', () => {
    const files = ['src/domain', 'src/db', 'src/sync', 'src/pwa', 'src/server', 'sw'].flatMap((d) => sourceFiles(join(root, d)));
    const crossings = files.flatMap((f) => valueImports(f).filter((s) => /(^|\/)ui\//.test(s)).map((s) => `${relative(root, f)} imports ${s}`));
    expect(crossings).toEqual([]);
  });
});
