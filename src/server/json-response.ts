// JSON answers of the API: never cached, and gzipped when large and the client accepts it
// (a pull of 2,000 records shrinks about tenfold, which counts on 2G).
import { gzipSync } from 'node:zlib';

const GZIP_FROM_BYTES = 1024;

export type JsonOptions = { headers?: Record<string, string>; acceptEncoding?: string | null };

export function jsonResponse(status: number, body: unknown, { headers = {}, acceptEncoding = null }: JsonOptions = {}): Response {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  const gzip = text.byteLength > GZIP_FROM_BYTES && /\bgzip\b/.test(acceptEncoding ?? '');
  return new Response(gzip ? gzipSync(text) : text, {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      ...headers,
    },
  });
}
