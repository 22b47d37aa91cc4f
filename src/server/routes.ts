// Every route of the server in one place: the API table, then the built app for the rest.
// The sync endpoints will join API_ROUTES; nothing else should need to change.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logError } from './log';
import { serveApp } from './static-files';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
type Route = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; handler: Handler };

const API_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/api/health', handler: (_req, res) => sendJson(res, 200, { ok: true }) },
];

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

async function serveApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const atPath = API_ROUTES.filter((r) => r.path === path);
  if (atPath.length === 0) {
    sendJson(res, 404, { error: 'There is no API endpoint at this address.' });
    return;
  }
  const route = atPath.find((r) => r.method === req.method);
  if (route === undefined) {
    const allowed = atPath.map((r) => r.method).join(', ');
    sendJson(res, 405, { error: `This API endpoint only answers ${allowed}.` }, { Allow: allowed });
    return;
  }
  await route.handler(req, res);
}

export type RouteOptions = { distDir: string };

export function createRequestHandler({ distDir }: RouteOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const path = pathOf(req.url ?? '/');
    if (path === undefined) {
      sendJson(res, 400, { error: 'This address is not a valid URL.' });
      return;
    }
    const answer = isApiPath(path) ? serveApi(req, res, path) : serveApp(req, res, distDir, path);
    answer.catch((error: unknown) => {
      logError(`${req.method ?? '?'} failed`, error);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'The server hit an unexpected problem.' });
    });
  };
}
