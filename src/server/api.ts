// Everything under /api/: the health check and the sync endpoints, as one Hono app that
// routes.ts hands every /api request to. Unknown addresses and methods get JSON answers.
import { Hono } from 'hono';
import { jsonResponse } from './json-response';
import { logError } from './log';
import type { Authenticate } from './sync/auth';
import type { SyncStore } from './sync/store';
import { syncApi } from './sync/sync-api';

export type ApiOptions = { store: SyncStore; authenticate: Authenticate; now?: () => number };

/** The methods each address answers, for 405 answers and their Allow header. */
const METHODS: Readonly<Record<string, string>> = {
  '/api/health': 'GET',
  '/api/sync/push': 'POST',
  '/api/sync/pull': 'GET',
};

export function createApi({ store, authenticate, now = Date.now }: ApiOptions): Hono {
  const app = new Hono();
  app.get('/api/health', () => jsonResponse(200, { ok: true, serverTime: new Date(now()).toISOString() }));
  app.route('/api/sync', syncApi({ store, authenticate, now }));
  for (const [path, allowed] of Object.entries(METHODS)) {
    app.all(path, () => jsonResponse(405, { error: `This API endpoint only answers ${allowed}.` }, { headers: { Allow: allowed } }));
  }
  app.notFound(() => jsonResponse(404, { error: 'There is no API endpoint at this address.' }));
  app.onError((error, c) => {
    logError(`${c.req.method} ${c.req.path} failed`, error);
    return jsonResponse(500, { error: 'The server hit an unexpected problem.' });
  });
  return app;
}
