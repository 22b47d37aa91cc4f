// Brings others' changes: pages after the cursor the server issued, each applied with its new
// cursor in one transaction, until the server says there is no more. The next page is asked
// for as soon as a page arrives, so it travels while this one is being written. Pages are asked
// for in version 2 of the answer (pull-wire.ts); a server that does not know it answers version 1.
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
 * After a failed page the next ask is for half as many records (a cut costs less), and each
 * page that arrives doubles it again, up to `pageSize`; the server's cursor is kept either way.
 */
export async function pullAll(ctx: SyncContext, state: Pick<SyncState, 'cursor' | 'rewind'>, pageSize = PULL_PAGE_SIZE): Promise<PullOutcome> {
  const outcome: PullOutcome = { applied: 0, skipped: 0 };
  let limit = pageSize;
  const ask = (from: string): Promise<Reply> => ctx.transport.get(`/api/sync/pull?cursor=${encodeURIComponent(from)}&limit=${limit}&v=${PULL_WIRE_VERSION}`);
  let cursor = state.rewind?.cursor ?? state.cursor ?? '';
  let failures = 0;
  let startedOver = false;
  let next = ask(cursor);
  for (;;) {
    const reply = await next;
    if (!reply.ok && reply.failure.kind === 'refused' && cursor !== '' && !startedOver) {
      startedOver = true;
      cursor = '';
      next = ask(cursor);
      continue;
    }
    const page = reply.ok ? readPullReply(reply.body) : undefined;
    if (!reply.ok || page === undefined) {
      failures++;
      limit = Math.max(1, Math.floor(limit / 2));
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
    if (!last) next = ask(page.cursor);
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
