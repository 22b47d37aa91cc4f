// Brings others' changes: pages after the cursor the server issued, each applied with its new
// cursor in one transaction, until the server says there is no more. The next page is asked
// for as soon as a page arrives, so it travels while this one is being written; and where the
// server says where that next page will end (`ahead`), the page after it is asked for at once
// too, so the link carries one page while the other is asked for and read: a page asked from a
// cursor the next page did not end at is dropped unread. Pages are asked for in version 3 of the
// answer (pull-wire.ts); a server that does not know it answers version 1.
import type { SyncState } from '../db/database';
import { applyPulledPage, finishRewind } from '../db/pulled-records';
import { afterFailure, sampleClock, type SyncContext } from './context';
import { PULL_WIRE_VERSION } from '../domain/pull-wire';
import { readPullReply } from './responses';
import type { Reply } from './transport';

export type PullOutcome = { applied: number; skipped: number; error?: string };

/** The server's largest page: on a slow link every page costs a round trip. */
export const PULL_PAGE_SIZE = 2000;

/**
 * Pulls from the rewind mark if there is one (see acknowledge), else from the cursor. A cursor
 * the server refuses (its database was replaced) is dropped once, and the pull starts over.
 * After a failed page the next ask is for half as many records (a cut costs less) — unless the
 * page after it is already on its way — and each page that arrives doubles it again, up to
 * `pageSize`; the server's cursor is kept either way.
 */
export async function pullAll(ctx: SyncContext, state: Pick<SyncState, 'cursor' | 'rewind'>, pageSize = PULL_PAGE_SIZE): Promise<PullOutcome> {
  const outcome: PullOutcome = { applied: 0, skipped: 0 };
  let limit = pageSize;
  // `from` undefined: asked past the page after `cursor` (skip), where it starts is in its answer.
  type Asked = { from: string | undefined; limit: number; reply: Promise<Reply> };
  const get = (from: string, skip: string) =>
    ctx.transport.get(`/api/sync/pull?cursor=${encodeURIComponent(from)}&limit=${limit}${skip}&v=${PULL_WIRE_VERSION}`);
  const ask = (from: string): Asked => ({ from, limit, reply: get(from, '') });
  // Pulling from nothing (a new phone, or a server whose data was replaced), the whole scope is
  // to come: the page after the first is asked for at once too, not a round trip after it.
  const askFirstTwo = (): [Asked, Asked] => [ask(''), { from: undefined, limit, reply: get('', `&skip=${limit}`) }];
  let cursor = state.rewind?.cursor ?? state.cursor ?? '';
  let failures = 0;
  let startedOver = false;
  let next: Asked;
  // The page after `next`, asked for before `next` arrived (from where `next` should end).
  let after: Asked | undefined;
  if (cursor === '') [next, after] = askFirstTwo();
  else next = ask(cursor);
  for (;;) {
    const asked = next;
    const reply = await asked.reply;
    if (!reply.ok && reply.failure.kind === 'refused' && cursor !== '' && !startedOver) {
      startedOver = true;
      cursor = '';
      [next, after] = askFirstTwo();
      continue;
    }
    // A page asked past the one before it is kept only if it starts where that one ended (a
    // server from before `skip` answers the first page again, without `from`).
    if (reply.ok && asked.from === undefined && fromOf(reply.body) !== cursor) {
      next = ask(cursor);
      continue;
    }
    const page = reply.ok ? readPullReply(reply.body) : undefined;
    if (!reply.ok || page === undefined) {
      failures++;
      // With the page after it already on its way, the page is asked again as it was, so that
      // one still fits; else for half as many records.
      if (after === undefined) limit = Math.max(1, Math.floor(asked.limit / 2));
      else limit = asked.limit;
      const error = await afterFailure(ctx, failures, reply.ok ? { kind: 'bad-response' } : reply.failure);
      if (error !== undefined) return { ...outcome, error };
      next = ask(cursor);
      continue;
    }
    failures = 0;
    limit = Math.min(pageSize, limit * 2);
    sampleClock(ctx, reply.sentAt, reply.receivedAt, page.serverTime);
    // A server that says "more" without moving on would keep the phone here forever.
    const stuck = page.cursor === cursor && page.records.length === 0;
    const last = !page.more || stuck;
    if (!last) {
      // The page asked for ahead is kept only if it starts where this one ended, as asked now.
      next = after !== undefined && (after.from === page.cursor || after.from === undefined) && after.limit === limit ? after : ask(page.cursor);
      const ahead = aheadOf(reply.body);
      // Ahead of `next` only when it is asked with the limit `ahead` was worked out for.
      after = ahead !== undefined && next.limit === asked.limit && ahead !== page.cursor ? ask(ahead) : undefined;
    }
    const written = await applyPulledPage(ctx.db, page.records, page.cursor, cursor);
    outcome.applied += written.applied;
    outcome.skipped += written.skipped;
    if (last) {
      if (state.rewind !== undefined) await finishRewind(ctx.db, state.rewind);
      return outcome;
    }
    cursor = page.cursor;
  }
}

/** The cursor the next page will end at, when the server says so and another page follows it. */
function aheadOf(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'ahead' in body && typeof body.ahead === 'string' ? body.ahead : undefined;
}

/** Where a page asked with `skip` starts, when the server says so. */
function fromOf(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'from' in body && typeof body.from === 'string' ? body.from : undefined;
}
