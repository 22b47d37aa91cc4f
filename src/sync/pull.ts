// Brings others' changes: pages after the cursor the server issued, each applied with its new
// cursor in one transaction, until the server says there is no more.
import { applyPulledPage } from '../db/pulled-records';
import { afterFailure, sampleClock, type SyncContext } from './context';
import { PullReply } from './responses';

export type PullOutcome = { applied: number; skipped: number; error?: string };

export const PULL_PAGE_SIZE = 500;

export async function pullAll(ctx: SyncContext, startCursor: string | undefined, pageSize = PULL_PAGE_SIZE): Promise<PullOutcome> {
  const outcome: PullOutcome = { applied: 0, skipped: 0 };
  let cursor = startCursor ?? '';
  let failures = 0;
  for (;;) {
    const reply = await ctx.transport.get(`/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=${pageSize}`);
    const parsed = reply.ok ? PullReply.safeParse(reply.body) : undefined;
    if (!reply.ok || parsed === undefined || !parsed.success) {
      failures++;
      const error = await afterFailure(ctx, failures, reply.ok ? { kind: 'bad-response' } : reply.failure);
      if (error !== undefined) return { ...outcome, error };
      continue;
    }
    failures = 0;
    sampleClock(ctx, reply.sentAt, reply.receivedAt, parsed.data.serverTime);
    const page = await applyPulledPage(ctx.db, parsed.data.records, parsed.data.cursor);
    outcome.applied += page.applied;
    outcome.skipped += page.skipped;
    // A server that says "more" without moving on would keep the phone here forever.
    const stuck = parsed.data.cursor === cursor && parsed.data.records.length === 0;
    if (!parsed.data.more || stuck) return outcome;
    cursor = parsed.data.cursor;
  }
}
