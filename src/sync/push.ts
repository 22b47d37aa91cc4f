// Sends the outbox: pending mutations in order, in batches capped in bytes and count. Every
// answered batch is acknowledged in the store at once, so a sync cut short resumes where it
// stopped. The batch target grows on success and shrinks on failure. The next batch goes out
// before the previous one is answered (at most IN_FLIGHT at once; after a failure one at a time
// until a push is answered again): on a slow link the wire then stays busy instead of idling a round trip
// and the server's and the phone's work per batch. The server applies each mutation once
// whatever the order its batches arrive in. Bodies go as version 3 (push-wire.ts), whose answer
// names only the refused mutations.
import { encodePush, resultsOfAnswer } from '../domain/push-wire';
import { MAX_MUTATIONS_PER_PUSH, Mutation, mutationProblem, type MutationResult } from '../domain/sync-protocol';
import { acknowledge, pendingInOrder, setAside } from '../db/outbox';
import type { OutboxRow } from '../db/database';
import { grownTarget, shrunkTarget } from './backoff';
import { takeBatch } from './batch';
import { afterFailure, sampleClock, triedAgainAtOnce, type SyncContext } from './context';
import { SYNC_MESSAGES as T } from './messages';
import { PushReply, PushReplyV2 } from './responses';
import type { Failure, Reply } from './transport';

export type PushOutcome = { confirmed: number; rejected: number; error?: string };

/**
 * Pushes on the way at once when the link holds. A batch's answer comes a round trip and the
 * server's apply after its last byte left: on a 3G-like link (batches of 2,000 mutations,
 * ~0.26 s of upload and ~0.25 s of apply each) three still left the upload idle ~40 ms a batch
 * and 0.6 s in all for 5,000 households; four keep it busy, the server's apply then as fast as
 * the link.
 */
export const IN_FLIGHT = 4;

/** Why the phone will not send a mutation at all (the server would refuse it), or undefined. */
function localProblem(m: Mutation): string | undefined {
  const parsed = Mutation.safeParse(m);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'không hợp lệ';
  return mutationProblem(m);
}

/** A batch read from the outbox and written as a body, ready to post. */
type Packed = { rows: OutboxRow[]; bytes: number; body: string; after: string | undefined };
type Sent = Packed & { reply: Reply };

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
  // IN_FLIGHT from the first batch: one alone until it was answered idled the upload a new
  // connection, a round trip and the server's apply (~0.6 s at 3G, over 1 s at 2G), and nothing
  // learnt from that answer is needed to send the next (the target only grows on answers; the
  // server takes each mutation once by its id, in whatever order batches arrive; a refusal of
  // the token or of gzip comes back for every batch, which is handled as for one). One at a
  // time again after a failure — except a first cut connection: the link is still there, and a
  // batch alone would idle it a round trip, the server's apply and the phone's packing.
  let window = IN_FLIGHT;
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

  /** Reads and packs the next batch, its rows from then on counted as on the way; undefined when nothing is left. */
  const pack = async (): Promise<Packed | undefined> => {
    for (;;) {
      // Batches go out in the outbox's order, so while some are on the way the next one starts
      // after the last row sent: reading those rows again cost the phone a full read a batch.
      // A row older than that (sent again with its old stamp) goes once nothing is on the way.
      const after = sending.size > 0 ? sentUpTo : undefined;
      const rows = (await pendingInOrder(ctx.db, countCap, after)).filter((r) => !sending.has(r.id));
      if (rows.length === 0) return undefined;
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
      const before = sentUpTo;
      sentUpTo = batch.rows.at(-1)?.stamp;
      return { rows: batch.rows, bytes: batch.bytes, body: JSON.stringify(encodePush(batch.rows.map((r) => r.mutation))), after: before };
    }
  };

  const post = (batch: Packed) => {
    for (const row of batch.rows) sending.add(row.id);
    onTheWay.set(nextKey++, ctx.transport.post('/api/sync/push', batch.body).then((reply) => ({ ...batch, reply })));
  };

  // The next batch, read and packed while those before it travel, so that an answer lets it go
  // at once: reading and packing 2,000 mutations after each answer idled the link (~0.1–0.2 s a
  // batch in the Node phone).
  let packed: Promise<Packed | undefined> | undefined;

  /** Starts the next batch; false when nothing is left to start. */
  const sendNext = async (): Promise<boolean> => {
    let batch = await (packed ?? pack());
    packed = undefined;
    // Packed while others were on the way, it started after them; with none on the way now,
    // rows sent before and to go again (a failed batch's) are read too.
    if (batch === undefined && onTheWay.size === 0 && sending.size === 0) batch = await pack();
    if (batch === undefined) return false;
    post(batch);
    packed = pack();
    return true;
  };

  /** Puts back the batch packed ahead (packed for a target a failure changed): its rows are read again. */
  const unpack = async () => {
    const batch = await packed;
    packed = undefined;
    if (batch === undefined) return;
    for (const row of batch.rows) sending.delete(row.id);
    sentUpTo = batch.after;
  };

  /** Fills the window with batches. */
  const fill = async () => {
    while (onTheWay.size < window && (await sendNext()));
  };

  /** The next answer to come back; its rows count as on the way until it is settled. */
  const nextAnswer = async (): Promise<Sent> => {
    const [key, sent] = await Promise.race([...onTheWay].map(([k, p]) => p.then((s) => [k, s] as const)));
    onTheWay.delete(key);
    return sent;
  };

  /**
   * Acknowledges an answer; the failure when it is not a full answer. A full answer first lets
   * `whenAnswered` run (the next batches leave), then is written down: acknowledging 2,000 rows
   * took the phone longer than the batch after them took to pack.
   */
  const settle = async ({ rows, reply }: Sent, whenAnswered?: () => Promise<void>): Promise<Failure | undefined> => {
    try {
      if (!reply.ok) return reply.failure;
      const answer = readAnswer(rows, reply.body);
      if (answer === undefined) return { kind: 'bad-response' };
      sampleClock(ctx, reply.sentAt, reply.receivedAt, answer.serverTime);
      if (answer.complete) await whenAnswered?.();
      const acked = await acknowledge(ctx.db, answer.results);
      outcome.confirmed += acked.confirmed;
      outcome.rejected += acked.rejected;
      // An answer that does not account for every mutation sent: treat it as a failure, so a
      // server that forgets some cannot keep the phone sending them forever.
      return answer.complete ? undefined : { kind: 'bad-response' };
    } finally {
      // Only now, acknowledged or not, may the rows be read from the outbox again.
      for (const row of rows) sending.delete(row.id);
    }
  };

  /** Waits for every push still on the way, acknowledging what was answered; their failures are retried later. */
  const drain = async () => {
    while (onTheWay.size > 0) await settle(await nextAnswer());
  };

  try {
    for (;;) {
      await fill();
      if (onTheWay.size === 0) return outcome;
      const sent = await nextAnswer();
      const failure = await settle(sent, async () => {
        window = IN_FLIGHT;
        await fill();
      });
      if (failure === undefined) {
        failures = 0;
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
        await unpack();
        if (sent.rows.length === 1) {
          await setAsideRows(sent.rows, () => T.tooLarge);
        } else {
          target.bytes = shrunkTarget(sent.bytes);
          countCap = Math.ceil(sent.rows.length / 2);
        }
        continue;
      }
      failures++;
      target.bytes = shrunkTarget(target.bytes);
      // Tried again at once (a first cut: the link is still there), the batch goes again and the
      // others stay on the way.
      if (triedAgainAtOnce(ctx, failures, failure)) {
        window = windowBefore;
        post(sent);
        continue;
      }
      await unpack();
      // The wait before trying again runs while the pushes still on the way are answered, not
      // after them: on a link that cuts now and then, the two together idled the wire seconds a cut.
      const [error] = await Promise.all([afterFailure(ctx, failures, failure), drain()]);
      if (error !== undefined) return { ...outcome, error };
    }
  } finally {
    // Never leave a push on the way behind (after an exception from the store, say), nor a read.
    await drain().catch(() => undefined);
    await packed?.catch(() => undefined);
  }
}
