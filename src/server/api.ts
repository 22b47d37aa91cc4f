// Everything under /api/: health, sign-in, areas, devices, province numbers and sync, as one Hono
// app that routes.ts hands every /api request to. Unknown addresses and methods get JSON answers.
import { Hono } from 'hono';
import { areasApi } from './accounts/areas-api';
import { authApi, type SignInLimits } from './accounts/auth-api';
import { devicesApi } from './accounts/devices-api';
import { provinceApi } from './accounts/province-api';
import type { Authenticate } from './accounts/session';
import type { AccountStore } from './accounts/store';
import type { ApiEnv } from './http-kit';
import { jsonResponse } from './json-response';
import { logError } from './log';
import type { SyncStore } from './sync/store';
import { syncApi } from './sync/sync-api';

export type ApiOptions = {
  store: SyncStore;
  accounts: AccountStore;
  authenticate: Authenticate;
  now?: () => number;
  signInLimits?: SignInLimits;
};

/** The methods each address answers, for 405 answers and their Allow header. */
const METHODS: Readonly<Record<string, string>> = {
  '/api/health': 'GET',
  '/api/auth/sign-in': 'POST',
  '/api/auth/me': 'GET',
  '/api/auth/sign-out': 'POST',
  '/api/areas': 'GET',
  '/api/areas/hamlets': 'POST',
  '/api/areas/hamlets/:code': 'PATCH',
  '/api/devices': 'GET',
  '/api/devices/:deviceId/revoke': 'POST',
  '/api/province/coverage': 'GET',
  '/api/sync/push': 'POST',
  '/api/sync/pull': 'GET',
};

export function createApi({ store, accounts, authenticate, now = Date.now, signInLimits }: ApiOptions): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const parts = { store, accounts, authenticate, now };
  app.get('/api/health', () => jsonResponse(200, { ok: true, serverTime: new Date(now()).toISOString() }));
  app.route('/api/auth', authApi({ ...parts, ...(signInLimits === undefined ? {} : { limits: signInLimits }) }));
  app.route('/api/areas', areasApi(parts));
  app.route('/api/devices', devicesApi(parts));
  app.route('/api/province', provinceApi(parts));
  app.route('/api/sync', syncApi(parts));
  for (const [path, allowed] of Object.entries(METHODS)) {
    app.all(path, () => jsonResponse(405, { error: `This API endpoint only answers ${allowed}.` }, { headers: { Allow: allowed } }));
  }
  app.notFound(() => jsonResponse(404, { error: 'There is no API endpoint at this address.' }));
  app.onError((error, c) => {
    logError(`${c.req.method} ${c.req.routePath} failed`, error);
    return jsonResponse(500, { error: 'The server hit an unexpected problem.' });
  });
  return app;
}
