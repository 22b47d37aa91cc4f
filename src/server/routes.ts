// Every route of the server in one place: /api/ goes to the API (api.ts, a Hono app), every
// other address to the built app.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { logError } from './log';
import { serveApp } from './static-files';

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

export type RouteOptions = { distDir: string; api: Hono };

export function createRequestHandler({ distDir, api }: RouteOptions): Listener {
  const serveApi = getRequestListener(api.fetch, { overrideGlobalObjects: false });
  return (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const path = pathOf(req.url ?? '/');
    if (path === undefined) {
      sendJson(res, 400, { error: 'This address is not a valid URL.' });
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
