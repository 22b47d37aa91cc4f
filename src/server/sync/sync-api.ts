// The sync endpoints: POST /api/sync/push and GET /api/sync/pull (docs/api.md). Thin: check the
// caller, read and validate the body with the shared schema, then one call to the store.
import { Hono } from 'hono';
import { MAX_MUTATIONS_PER_PUSH, PushRequest, type PullResponse, type PushResponse } from '../../domain/sync-protocol';
import { jsonResponse } from '../json-response';
import { identify, type Authenticate } from './auth';
import { readBodyText } from './body';
import { decodeCursor, encodeCursor } from './cursor';
import type { Caller, SyncStore } from './store';

export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 2000;

export type SyncApiOptions = { store: SyncStore; authenticate: Authenticate; now: () => number };

type Env = { Variables: { caller: Caller } };

/** "mutations.3.entity: …" from the first problem zod found. */
function schemaProblem(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  const where = first?.path.map(String).join('.') ?? '';
  return `The push does not match the protocol: ${where === '' ? '' : `${where}: `}${first?.message ?? 'invalid'}`;
}

function mutationCount(json: unknown): number {
  if (typeof json !== 'object' || json === null || !('mutations' in json)) return 0;
  return Array.isArray(json.mutations) ? json.mutations.length : 0;
}

function pullLimit(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return DEFAULT_PULL_LIMIT;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) return undefined;
  return Math.min(Number(text), MAX_PULL_LIMIT);
}

export function syncApi({ store, authenticate, now }: SyncApiOptions): Hono<Env> {
  const app = new Hono<Env>();
  const fail = (status: number, error: string, headers: Record<string, string> = {}) => jsonResponse(status, { error }, { headers });

  app.use('*', async (c, next) => {
    const who = identify(c.req.raw.headers, authenticate);
    if (!who.ok) return fail(who.status, who.error, who.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
    c.set('caller', who.caller);
    await next();
  });

  app.post('/push', async (c) => {
    const body = await readBodyText(c.req.raw);
    if (!body.ok) return fail(body.status, body.error);
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      return fail(400, 'The body is not valid JSON.');
    }
    if (mutationCount(json) > MAX_MUTATIONS_PER_PUSH) {
      return fail(413, `A push carries at most ${MAX_MUTATIONS_PER_PUSH} mutations; send smaller batches.`);
    }
    const parsed = PushRequest.safeParse(json);
    if (!parsed.success) return fail(400, schemaProblem(parsed.error.issues));
    const nowMs = now();
    const results = await store.push(c.get('caller'), parsed.data.mutations, nowMs);
    const answer: PushResponse = { results, serverTime: new Date(nowMs).toISOString() };
    return jsonResponse(200, answer, { acceptEncoding: c.req.header('accept-encoding') });
  });

  app.get('/pull', async (c) => {
    const after = decodeCursor(store.databaseId, c.req.query('cursor'));
    if (after === undefined) return fail(400, 'This cursor was not issued by this server; pull without a cursor to start over.');
    const limit = pullLimit(c.req.query('limit'));
    if (limit === undefined) return fail(400, `limit must be a whole number from 1 to ${MAX_PULL_LIMIT}.`);
    const nowMs = now();
    const page = await store.pull(c.get('caller').scope, after, limit);
    const answer: PullResponse = {
      records: page.records,
      cursor: encodeCursor(store.databaseId, page.lastSeq),
      more: page.more,
      serverTime: new Date(nowMs).toISOString(),
    };
    return jsonResponse(200, answer, { acceptEncoding: c.req.header('accept-encoding') });
  });

  return app;
}
