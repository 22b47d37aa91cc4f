// Sends the outbox: pending mutations in order, in batches capped in bytes and count. Every
// answered batch is acknowledged in the store at once, so a sync cut short resumes where it
// stopped. The batch target grows on success and shrinks on failure. Once a push has been
// answered in this sync, the next batch goes out before the previous one is answered (at most
// IN_FLIGHT at once): on a slow link the wire then stays busy instead of idling a round trip
// and the server's and the phone's work per batch. The server applies each mutation once
// whatever the order its batches arrive in. Bodies go as version 3 (push-wire.ts), whose answer
// names only the refused mutations.
import { encodePush, resultsOfAnswer } from '../domain/push-wire';
import { MAX_MUTATIONS_PER_PUSH, Mutation, mutationProblem, type MutationResult } from '../domain/sync-protocol';
import { acknowledge, pendingInOrder, setAside } from '../db/outbox';
import type { OutboxRow } from '../db/database';
import { grownTarget, shrunkTarget } from './backoff';
import { takeBatch } from './batch';
import { afterFailure, sampleClock, type SyncContext } from './context';
import { SYNC_MESSAGES as T } from './messages';
import { PushReply, PushReplyV2 } from './responses';
import type { Failure, Reply } from './transport';

export type PushOutcome = { confirmed: number; rejected: number; error?: string };

/**
 * Pushes on the way at once when the link holds. A batch's answer comes a round trip, the
 * server's apply and the phone's acknowledging after its last byte left, and the batch after
 * it is read and packed after that: on a 3G-like link two left the upload idle a few hundred
 * ms a batch, three keep it busy.
 */
export const IN_FLIGHT = 3;

/** Why the phone will not send a mutation at all (the server would refuse it), or undefined. */
function localProblem(m: Mutation): string | undefined {
  const parsed = Mutation.safeParse(m);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'không hợp lệ';
  return mutationProblem(m);
}

type Sent = { rows: OutboxRow[]; bytes: number; reply: Reply };

/**
 * What an answer of either version says of the rows sent: each one's result when it accounts
 * for every one of them, else only what it did say (`complete: false`); undefined when it is
 * not a push answer at all.
 */
function readAnswer(rows: readonly OutboxRow[], body: unknown): { results: MutationResult[]; complete: boolean; serverTime: string } | undefined {
  const v2 = PushReplyV2.safeParse(body);
  if (v2.success) {
    const results = resultsOfAnswer(rows.map((r) => r.id), v2.data);
    return { results: results ?? [], complete: results !== undefined, serverTime: v2.data.serverTime };
  }
  const v1 = PushReply.safeParse(body);
  if (!v1.success) return undefined;
  const results = v1.data.results.map((r): MutationResult => (r.status === 'rejected' ? { id: r.id, status: r.status, reason: r.reason ?? '' } : { id: r.id, status: r.status }));
  const answered = new Set(results.map((r) => r.id));
  return { results, complete: rows.every((r) => answered.has(r.id)), serverTime: v1.data.serverTime };
}

/** Pushes until nothing is pending; `target` (bytes) is updated as the link earns or loses trust. */
export async function pushAll(ctx: SyncContext, target: { bytes: number }): Promise<PushOutcome> {
  const outcome: PushOutcome = { confirmed: 0, rejected: 0 };
  let failures = 0;
  let countCap = MAX_MUTATIONS_PER_PUSH;
  // One at a time until the link has answered a push in this sync, and again after a failure —
  // except a first cut connection of a link that answered: it is still there, and a batch alone
  // would idle it a round trip, the server's apply and the phone's packing.
  let window = 1;
  const onTheWay = new Map<number, Promise<Sent>>();
  const sending = new Set<string>();
  // Rows already found sendable in this sync: each is checked once, not at every batch it waits behind.
  const checked = new Set<string>();
  let nextKey = 0;
  let sentUpTo: string | undefined;

  const setAsideRows = async (rows: readonly OutboxRow[], reason: (r: OutboxRow) => string) => {
    for (const row of rows) await setAside(ctx.db, row.id, reason(row));
    outcome.rejected += rows.length;
  };

  /** Starts the next batch; false when nothing is left to start. */
  const sendNext = async (): Promise<boolean> => {
    for (;;) {
      // Batches go out in the outbox's order, so while some are on the way the next one starts
      // after the last row sent: reading those rows again cost the phone a full read a batch.
      // A row older than that (sent again with its old stamp) goes once nothing is on the way.
      const rows = (await pendingInOrder(ctx.db, countCap, sending.size > 0 ? sentUpTo : undefined)).filter((r) => !sending.has(r.id));
      if (rows.length === 0) return false;
      const invalid = rows.filter((r) => !checked.has(r.id) && localProblem(r.mutation) !== undefined);
      if (invalid.length > 0) {
        await setAsideRows(invalid, (r) => T.invalid(localProblem(r.mutation) ?? ''));
        continue;
      }
      for (const row of rows) checked.add(row.id);
      const batch = takeBatch(rows, target.bytes, countCap);
      if (batch.tooBig) {
        await setAsideRows(batch.rows, () => T.tooLarge);
        continue;
      }
      for (const row of batch.rows) sending.add(row.id);
      sentUpTo = batch.rows.at(-1)?.stamp;
      const key = nextKey++;
      const body = JSON.stringify(encodePush(batch.rows.map((r) => r.mutation)));
      onTheWay.set(key, ctx.transport.post('/api/sync/push', body).then((reply) => ({ rows: batch.rows, bytes: batch.bytes, reply })));
      return true;
    }
  };

  /** The next answer to come back, its rows no longer on the way. */
  const nextAnswer = async (): Promise<Sent> => {
    const [key, sent] = await Promise.race([...onTheWay].map(([k, p]) => p.then((s) => [k, s] as const)));
    onTheWay.delete(key);
    for (const row of sent.rows) sending.delete(row.id);
    return sent;
  };

  /** Acknowledges an answer; the failure when it is not a full answer. */
  const settle = async ({ rows, reply }: Sent): Promise<Failure | undefined> => {
    if (!reply.ok) return reply.failure;
    const answer = readAnswer(rows, reply.body);
    if (answer === undefined) return { kind: 'bad-response' };
    sampleClock(ctx, reply.sentAt, reply.receivedAt, answer.serverTime);
    const acked = await acknowledge(ctx.db, answer.results);
    outcome.confirmed += acked.confirmed;
    outcome.rejected += acked.rejected;
    // An answer that does not account for every mutation sent: treat it as a failure, so a
    // server that forgets some cannot keep the phone sending them forever.
    return answer.complete ? undefined : { kind: 'bad-response' };
  };

  /** Waits for every push still on the way, acknowledging what was answered; their failures are retried later. */
  const drain = async () => {
    while (onTheWay.size > 0) await settle(await nextAnswer());
  };

  try {
    for (;;) {
      while (onTheWay.size < window && (await sendNext()));
      if (onTheWay.size === 0) return outcome;
      const sent = await nextAnswer();
      const failure = await settle(sent);
      if (failure === undefined) {
        failures = 0;
        window = IN_FLIGHT;
        target.bytes = grownTarget(target.bytes);
        countCap = Math.min(MAX_MUTATIONS_PER_PUSH, countCap * 2);
        continue;
      }
      const windowBefore = window;
      window = 1;
      // A compressed body the server refused: whatever else was compressed meets the same, and
      // every body from now on goes plain.
      if (failure.kind === 'encoding') {
        ctx.transport.stopCompressing();
        continue;
      }
      if (failure.kind === 'too-large') {
        if (sent.rows.length === 1) {
          await setAsideRows(sent.rows, () => T.tooLarge);
        } else {
          target.bytes = shrunkTarget(sent.bytes);
          countCap = Math.ceil(sent.rows.length / 2);
        }
        continue;
      }
      failures++;
      if (failure.kind === 'offline' && failures === 1) window = windowBefore;
      target.bytes = shrunkTarget(target.bytes);
      // The wait before trying again runs while the pushes still on the way are answered, not
      // after them: on a link that cuts now and then, the two together idled the wire seconds a cut.
      const [error] = await Promise.all([afterFailure(ctx, failures, failure), drain()]);
      if (error !== undefined) return { ...outcome, error };
    }
  } finally {
    // Never leave a push on the way behind (after an exception from the store, say).
    await drain().catch(() => undefined);
  }
}
