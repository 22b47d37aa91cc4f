// Sends the outbox: pending mutations in order, in batches capped in bytes and count. Every
// answered batch is acknowledged in the store at once, so a sync cut short resumes where it
// stopped. The batch target grows on success and shrinks on failure.
import { MAX_MUTATIONS_PER_PUSH, Mutation, mutationProblem } from '../domain/sync-protocol';
import { acknowledge, pendingInOrder, setAside } from '../db/outbox';
import type { OutboxRow } from '../db/database';
import { grownTarget, shrunkTarget } from './backoff';
import { takeBatch } from './batch';
import { afterFailure, sampleClock, type SyncContext } from './context';
import { SYNC_MESSAGES as T } from './messages';
import { PushReply } from './responses';
import type { Failure } from './transport';

export type PushOutcome = { confirmed: number; rejected: number; error?: string };

/** Why the phone will not send a mutation at all (the server would refuse it), or undefined. */
function localProblem(m: Mutation): string | undefined {
  const parsed = Mutation.safeParse(m);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'không hợp lệ';
  return mutationProblem(m);
}

/** Pushes until nothing is pending; `target` (bytes) is updated as the link earns or loses trust. */
export async function pushAll(ctx: SyncContext, target: { bytes: number }): Promise<PushOutcome> {
  const outcome: PushOutcome = { confirmed: 0, rejected: 0 };
  let failures = 0;
  let countCap = MAX_MUTATIONS_PER_PUSH;

  const setAsideRows = async (rows: readonly OutboxRow[], reason: (r: OutboxRow) => string) => {
    for (const row of rows) await setAside(ctx.db, row.id, reason(row));
    outcome.rejected += rows.length;
  };

  for (;;) {
    const rows = await pendingInOrder(ctx.db, countCap);
    if (rows.length === 0) return outcome;
    const invalid = rows.filter((r) => localProblem(r.mutation) !== undefined);
    if (invalid.length > 0) {
      await setAsideRows(invalid, (r) => T.invalid(localProblem(r.mutation) ?? ''));
      continue;
    }
    const batch = takeBatch(rows, target.bytes, countCap);
    if (batch.tooBig) {
      await setAsideRows(batch.rows, () => T.tooLarge);
      continue;
    }

    const reply = await ctx.transport.post('/api/sync/push', JSON.stringify({ mutations: batch.rows.map((r) => r.mutation) }));
    let failure: Failure;
    if (reply.ok) {
      const parsed = PushReply.safeParse(reply.body);
      if (parsed.success) {
        sampleClock(ctx, reply.sentAt, reply.receivedAt, parsed.data.serverTime);
        const results = parsed.data.results.map((r) =>
          r.status === 'rejected' ? { id: r.id, status: r.status, reason: r.reason ?? '' } : { id: r.id, status: r.status },
        );
        const acked = await acknowledge(ctx.db, results);
        outcome.confirmed += acked.confirmed;
        outcome.rejected += acked.rejected;
        const answered = new Set(results.map((r) => r.id));
        if (batch.rows.every((r) => answered.has(r.id))) {
          failures = 0;
          target.bytes = grownTarget(target.bytes);
          countCap = Math.min(MAX_MUTATIONS_PER_PUSH, countCap * 2);
          continue;
        }
      }
      // An answer that does not account for every mutation sent: treat it as a failure, so a
      // server that forgets some cannot keep the phone sending them forever.
      failure = { kind: 'bad-response' };
    } else {
      failure = reply.failure;
    }

    if (failure.kind === 'encoding' && ctx.transport.stopCompressing()) continue;
    if (failure.kind === 'too-large') {
      if (batch.rows.length === 1) {
        await setAsideRows(batch.rows, () => T.tooLarge);
      } else {
        target.bytes = shrunkTarget(batch.bytes);
        countCap = Math.ceil(batch.rows.length / 2);
      }
      continue;
    }
    failures++;
    target.bytes = shrunkTarget(target.bytes);
    const error = await afterFailure(ctx, failures, failure);
    if (error !== undefined) return { ...outcome, error };
  }
}
