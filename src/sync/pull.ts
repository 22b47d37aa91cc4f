// Brings others' changes: pages after the cursor the server issued, each applied with its new
// cursor in one transaction, until the server says there is no more. The next page is asked
// for as soon as a page arrives, so it travels while this one is being written.
import type { SyncState } from '../db/database';
import { applyPulledPage, finishRewind } from '../db/pulled-records';
import { afterFailure, sampleClock, type SyncContext } from './context';
import { PullReply } from './responses';
import type { Reply } from './transport';

export type PullOutcome = { applied: number; skipped: number; error?: string };

/** The server's largest page: on a slow link every page costs a round trip. */
export const PULL_PAGE_SIZE = 2000;

/**
 * Pulls from the rewind mark if there is one (see acknowledge), else from the cursor. A cursor
 * the server refuses (its database was replaced) is dropped once, and the pull starts over.
 */
export async function pullAll(ctx: SyncContext, state: Pick<SyncState, 'cursor' | 'rewind'>, pageSize = PULL_PAGE_SIZE): Promise<PullOutcome> {
  const outcome: PullOutcome = { applied: 0, skipped: 0 };
  const ask = (from: string): Promise<Reply> => ctx.transport.get(`/api/sync/pull?cursor=${encodeURIComponent(from)}&limit=${pageSize}`);
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
    const parsed = reply.ok ? PullReply.safeParse(reply.body) : undefined;
    if (!reply.ok || parsed === undefined || !parsed.success) {
      failures++;
      const error = await afterFailure(ctx, failures, reply.ok ? { kind: 'bad-response' } : reply.failure);
      if (error !== undefined) return { ...outcome, error };
      next = ask(cursor);
      continue;
    }
    failures = 0;
    sampleClock(ctx, reply.sentAt, reply.receivedAt, parsed.data.serverTime);
    // A server that says "more" without moving on would keep the phone here forever.
    const stuck = parsed.data.cursor === cursor && parsed.data.records.length === 0;
    const last = !parsed.data.more || stuck;
    if (!last) next = ask(parsed.data.cursor);
    const page = await applyPulledPage(ctx.db, parsed.data.records, parsed.data.cursor, cursor);
    outcome.applied += page.applied;
    outcome.skipped += page.skipped;
    if (last) {
      if (state.rewind !== undefined) await finishRewind(ctx.db, state.rewind);
      return outcome;
    }
    cursor = parsed.data.cursor;
  }
}
