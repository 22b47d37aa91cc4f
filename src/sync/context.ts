// What push and pull share during one sync: the store, the transport, the retry rule (with its
// random source and sleep, inputs so tests run without waiting), and the clock samples.
import { clockOffset } from '../domain/clock';
import type { NgoSoDb } from '../db/database';
import { backoffDelay, type RetryPolicy } from './backoff';
import { SYNC_MESSAGES as T } from './messages';
import type { Failure, Transport } from './transport';

export type ClockSample = { roundTripMs: number; offsetMs: number };

export type SyncContext = {
  db: NgoSoDb;
  transport: Transport;
  retry: RetryPolicy;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The sample of this sync with the shortest round trip: the most exact offset. */
  clock: { best?: ClockSample };
  /** Set when the server said this phone's token was revoked. */
  revoked?: boolean;
};

/** Notes the offset between the phone's clock and the server's from one answer. */
export function sampleClock(ctx: SyncContext, sentAt: number, receivedAt: number, serverTime: string): void {
  const serverMs = Date.parse(serverTime);
  if (Number.isNaN(serverMs)) return;
  const sample = { roundTripMs: receivedAt - sentAt, offsetMs: clockOffset(sentAt, receivedAt, serverMs) };
  if (ctx.clock.best === undefined || sample.roundTripMs <= ctx.clock.best.roundTripMs) ctx.clock.best = sample;
}

export function messageOf(failure: Failure): string {
  switch (failure.kind) {
    case 'offline':
      return T.offline;
    case 'timeout':
      return T.timeout;
    case 'auth':
      return T.auth;
    case 'revoked':
      return T.revoked;
    case 'server':
      return T.server(failure.status);
    case 'refused':
      return T.refused(failure.detail);
    case 'too-large':
      return T.tooLarge;
    case 'encoding':
    case 'bad-response':
      return T.badResponse;
  }
}

const RETRYABLE = new Set<Failure['kind']>(['offline', 'timeout', 'server', 'bad-response']);

/**
 * Whether the `failures`-th failure in a row is tried again at once, with no wait: a first cut
 * connection. A connection cut on the way ('offline') is, on a phone, the radio dropping it, not
 * a server asking for room (that answers 503 or times out): waiting up to a second left a
 * working link idle at every cut. A link that is really down, or a server gone for every phone
 * at once, meets the backoff with its full jitter from the second failure in a row on.
 */
export function triedAgainAtOnce(ctx: SyncContext, failures: number, failure: Failure): boolean {
  return failure.kind === 'offline' && failures === 1 && failures < ctx.retry.maxTries;
}

/**
 * After the `failures`-th failure in a row: waits (backoff with full jitter; none when
 * triedAgainAtOnce) and returns undefined to go on, or returns the error in words when it
 * cannot help to try again now.
 */
export async function afterFailure(ctx: SyncContext, failures: number, failure: Failure): Promise<string | undefined> {
  if (failure.kind === 'revoked') ctx.revoked = true;
  if (!RETRYABLE.has(failure.kind) || failures >= ctx.retry.maxTries) return messageOf(failure);
  if (triedAgainAtOnce(ctx, failures, failure)) return undefined;
  const retryAfter = failure.kind === 'server' ? failure.retryAfterMs : 0;
  await ctx.sleep(backoffDelay(failures, ctx.random, ctx.retry, retryAfter));
  return undefined;
}
