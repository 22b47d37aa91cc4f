// What a phone downloads on first start: the JS and CSS that index.html loads, gzipped.
// Used by the build (which prints it and fails over budget) and by the benchmarks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue 6: what a phone downloads before its first screen, on 2G. */
export const FIRST_START_BUDGET_KB = 60;

export type AssetSize = { file: string; bytes: number; gzipBytes: number };

/** The assets index.html references directly: entry script, preloaded modules, stylesheets. */
export function firstStartAssets(distDir: string): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  return [...new Set(refs.filter((r) => r !== '').map((r) => r.replace(/^\//, '')))];
}

export function firstStartSize(distDir: string): { assets: AssetSize[]; gzipBytes: number } {
  const assets = firstStartAssets(distDir).map((file) => {
    const content = readFileSync(join(distDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return { assets, gzipBytes: assets.reduce((sum, a) => sum + a.gzipBytes, 0) };
}
