// The sync endpoints: POST /api/sync/push and GET /api/sync/pull (docs/api.md). Thin: check the
// caller and their scope, read and validate the body with the shared schema, then one call to
// the store.
import { Hono } from 'hono';
import { MAX_MUTATIONS_PER_PUSH, PushRequest, type PullResponse, type PushResponse } from '../../domain/sync-protocol';
import { answerV2, decodePush, isPushV2, pushVersionOf, type PushAnswerV2, type PushWireVersion } from '../../domain/push-wire';
import { encodePull, pullWireVersion } from '../../domain/pull-wire';
import type { Authenticate } from '../accounts/session';
import type { AccountStore } from '../accounts/store';
import { fail, firstProblem, readJson, requireSession, type ApiEnv } from '../http-kit';
import { jsonResponse } from '../json-response';
import { MAX_BODY_BYTES } from './body';
import { syncCaller } from './caller';
import { decodeCursor, encodeCursor } from './cursor';
import type { Caller, Scope, SyncStore } from './store';

export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 2000;

export type SyncApiOptions = { store: SyncStore; accounts: AccountStore; authenticate: Authenticate; now: () => number };

type Env = ApiEnv & { Variables: { caller: Caller; readScope: Scope } };

function mutationCount(json: unknown): number {
  if (typeof json !== 'object' || json === null || !('mutations' in json)) return 0;
  return Array.isArray(json.mutations) ? json.mutations.length : 0;
}

/**
 * A push of either version as version 1 carries it (not yet validated), or why it is refused:
 * versions 2 and 3 (push-wire.ts) are decoded first, and their pointers may copy at most as many
 * bytes of values as a version 1 body may hold.
 */
function readPush(json: unknown): { ok: true; version: 1 | PushWireVersion; request: unknown } | { ok: false; status: 400 | 413; error: string } {
  if (mutationCount(json) > MAX_MUTATIONS_PER_PUSH) {
    return { ok: false, status: 413, error: `A push carries at most ${MAX_MUTATIONS_PER_PUSH} mutations; send smaller batches.` };
  }
  if (!isPushV2(json)) return { ok: true, version: 1, request: json };
  const decoded = decodePush(json, MAX_BODY_BYTES);
  if (decoded.ok) return { ok: true, version: decoded.version, request: { mutations: decoded.mutations } };
  if (decoded.tooLarge) return { ok: false, status: 413, error: `The push is too large once read: ${decoded.error}; send smaller batches.` };
  return { ok: false, status: 400, error: `The push (version ${String(pushVersionOf(json))}) cannot be read: ${decoded.error}. Nothing was written.` };
}

function pullLimit(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return DEFAULT_PULL_LIMIT;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) return undefined;
  return Math.min(Number(text), MAX_PULL_LIMIT);
}

function pullSkip(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return 0;
  if (!/^\d{1,9}$/.test(text) || Number(text) > MAX_PULL_LIMIT) return undefined;
  return Number(text);
}

const otherCommune = (code: string) => fail(403, `This account works in another commune than ${JSON.stringify(code.slice(0, 40))}; nothing was read or written.`);

export function syncApi({ store, accounts, authenticate, now }: SyncApiOptions): Hono<Env> {
  const app = new Hono<Env>();

  app.use('*', requireSession(authenticate, now));
  app.use('*', async (c, next) => {
    const who = syncCaller(c.get('session'), c.req.raw.headers, accounts);
    if (!who.ok) return fail(who.status, who.error);
    c.set('caller', who.caller);
    c.set('readScope', who.readScope);
    await next();
  });

  app.post('/push', async (c) => {
    const body = await readJson(c.req.raw, MAX_BODY_BYTES);
    if (!body.ok) return body.response;
    const push = readPush(body.value);
    if (!push.ok) return fail(push.status, push.error);
    const parsed = PushRequest.safeParse(push.request);
    if (!parsed.success) return fail(400, `The push does not match the protocol: ${firstProblem(parsed.error.issues)}`);
    const caller = c.get('caller');
    // An account's push naming another commune is refused whole: no phone of the account has such
    // records. (The old shared token keeps its answer of one refusal per such mutation.)
    const foreign = parsed.data.mutations.find((m) => m.communeCode !== caller.scope.communeCode);
    if (foreign !== undefined && c.get('session').kind === 'account') return otherCommune(foreign.communeCode);
    const nowMs = now();
    const results = await store.push(caller, parsed.data.mutations, nowMs);
    const serverTime = new Date(nowMs).toISOString();
    const answer: PushResponse | PushAnswerV2 = push.version === 1 ? { results, serverTime } : answerV2(results, serverTime);
    return jsonResponse(200, answer, { acceptEncoding: c.req.header('accept-encoding') });
  });

  app.get('/pull', async (c) => {
    const scope = c.get('readScope');
    const commune = c.req.query('commune');
    if (commune !== undefined && commune !== scope.communeCode) return otherCommune(commune);
    const after = decodeCursor(store.databaseId, c.req.query('cursor'));
    if (after === undefined) return fail(400, 'This cursor was not issued by this server; pull without a cursor to start over.');
    const limit = pullLimit(c.req.query('limit'));
    if (limit === undefined) return fail(400, `limit must be a whole number from 1 to ${MAX_PULL_LIMIT}.`);
    const skip = pullSkip(c.req.query('skip'));
    if (skip === undefined) return fail(400, `skip must be a whole number from 0 to ${MAX_PULL_LIMIT}.`);
    const nowMs = now();
    const page = await store.pull(scope, after, limit, skip);
    // `ahead`: the cursor the next page will end at, when one more follows it; a phone that
    // knows it asks for that page too at once, and keeps it only if the next page did end there.
    // `from`: where a page asked with `skip` starts, for the phone to keep it only if the page
    // before it ended there.
    const answer: PullResponse & { ahead?: string; from?: string } = {
      records: page.records,
      cursor: encodeCursor(store.databaseId, page.lastSeq),
      more: page.more,
      serverTime: new Date(nowMs).toISOString(),
      ...(page.aheadSeq === undefined ? {} : { ahead: encodeCursor(store.databaseId, page.aheadSeq) }),
      ...(page.fromSeq === undefined ? {} : { from: encodeCursor(store.databaseId, page.fromSeq) }),
    };
    // Version 2 or 3 only when asked: phones in the field read version 1 (or 2), and any other v gets 1.
    const { records, ...rest } = answer;
    const version = pullWireVersion(c.req.query('v'));
    const body = version === undefined ? answer : { ...encodePull(records, version), ...rest };
    return jsonResponse(200, body, { acceptEncoding: c.req.header('accept-encoding') });
  });

  return app;
}
