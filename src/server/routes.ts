// Every route of the server in one place: /api/ goes to the API (api.ts, a Hono app), every
// other address to the built app. Every answer gets the security headers, and no request may
// announce a body larger than the largest the API takes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { ApiEnv } from './http-kit';
import { logError } from './log';
import { setSecurityHeaders } from './security-headers';
import { serveApp } from './static-files';
import { MAX_BODY_BYTES } from './sync/body';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** The still percent-encoded path of a request target, with dot segments already resolved. */
function pathOf(target: string): string | undefined {
  try {
    return new URL(target, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export type RouteOptions = { distDir: string; api: Hono<ApiEnv> };

export function createRequestHandler({ distDir, api }: RouteOptions): Listener {
  const serveApi = getRequestListener(api.fetch, { overrideGlobalObjects: false });
  return (req, res) => {
    setSecurityHeaders(res);
    const path = pathOf(req.url ?? '/');
    if (path === undefined) {
      sendJson(res, 400, { error: 'This address is not a valid URL.' });
      return;
    }
    if (Number(req.headers['content-length'] ?? '0') > MAX_BODY_BYTES) {
      sendJson(res, 413, { error: `The body is larger than ${MAX_BODY_BYTES} bytes, the most any endpoint takes.` }, { Connection: 'close' });
      return;
    }
    const answer = isApiPath(path) ? serveApi(req, res) : serveApp(req, res, distDir, path);
    answer.catch((error: unknown) => {
      logError(`${req.method ?? '?'} failed`, error);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'The server hit an unexpected problem.' });
    });
  };
}
