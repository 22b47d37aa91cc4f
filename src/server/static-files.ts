// The built app in dist/, served as it is: a safe lookup from URL to file, content types and
// cache rules. Hashed files under /assets/ never change; everything else is revalidated.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt']);

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Vite puts a content hash in every name under /assets/; anything else may change in place. */
export function cacheControl(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
}

/**
 * The file under `root` that a (still percent-encoded) URL path names, or undefined when the
 * path is malformed or would lead outside `root`.
 */
export function fileInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const file = resolve(join(base, decoded));
  return file === base || file.startsWith(base + sep) ? file : undefined;
}

type Found = { file: string; size: number; mtime: Date };

async function regularFile(file: string | undefined): Promise<Found | undefined> {
  if (file === undefined) return undefined;
  try {
    const info = await stat(file);
    return info.isFile() ? { file, size: info.size, mtime: info.mtime } : undefined;
  } catch {
    return undefined;
  }
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
}

function sendFile(req: IncomingMessage, res: ServerResponse, found: Found, cache: string): void {
  const gzip = COMPRESSIBLE.has(extname(found.file).toLowerCase()) && found.size > 1024 && acceptsGzip(req);
  const etag = `W/"${found.size.toString(16)}-${found.mtime.getTime().toString(16)}${gzip ? '-gz' : ''}"`;
  res.setHeader('Content-Type', contentType(found.file));
  res.setHeader('Cache-Control', cache);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', found.mtime.toUTCString());
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304).end();
    return;
  }
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  else res.setHeader('Content-Length', found.size);
  res.writeHead(200);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => res.destroy());
  if (gzip) stream.pipe(createGzip()).pipe(res);
  else stream.pipe(res);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/**
 * Answers a GET or HEAD for the app: the file if dist/ has it, 404 for a missing hashed asset
 * (so no browser caches HTML under a script's name), otherwise index.html for the app's router.
 */
export async function serveApp(req: IncomingMessage, res: ServerResponse, distDir: string, urlPath: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Only GET and HEAD are allowed here.\n', { Allow: 'GET, HEAD' });
    return;
  }
  const file = fileInside(distDir, urlPath);
  if (file === undefined) {
    sendText(res, 404, 'Not found.\n');
    return;
  }
  const found = await regularFile(file);
  if (found !== undefined) {
    sendFile(req, res, found, cacheControl(urlPath));
    return;
  }
  if (urlPath.startsWith('/assets/')) {
    sendText(res, 404, 'Not found.\n');
    return;
  }
  const index = await regularFile(join(distDir, 'index.html'));
  if (index === undefined) {
    sendText(res, 503, 'The app is not built yet: run `npm run build` (or just `npm start`).\n');
    return;
  }
  sendFile(req, res, index, REVALIDATE);
}
