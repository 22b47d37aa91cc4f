// How long to wait before trying again, and how big the next push may be. Pure: the random
// source is an input, so tests can pin the jitter.
import { MAX_PUSH_V2_BYTES } from '../domain/sync-protocol';

export type RetryPolicy = {
  /** First retry waits up to this long; each next one up to twice as long. */
  baseMs: number;
  /** No wait is longer than this. */
  capMs: number;
  /** Failures in a row after which one sync gives up and records the error. */
  maxTries: number;
};

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1_000, capMs: 30_000, maxTries: 5 };

/**
 * Exponential backoff with full jitter: a uniformly random wait below base·2^(attempt−1),
 * capped, so phones that lost the link together do not come back together. A server's
 * Retry-After is honoured up to the cap.
 */
export function backoffDelay(attempt: number, random: () => number, policy: RetryPolicy, retryAfterMs = 0): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.min(policy.capMs, Math.max(Math.floor(random() * ceiling), retryAfterMs));
}

/** Push targets stay between these (mutations as version 1 JSON); the protocol's cap is the upper one. */
export const MIN_PUSH_TARGET_BYTES = 4 * 1024;
export const MAX_PUSH_TARGET_BYTES = MAX_PUSH_V2_BYTES;

export const grownTarget = (bytes: number) => Math.min(MAX_PUSH_TARGET_BYTES, bytes * 2);
export const shrunkTarget = (bytes: number) => Math.max(MIN_PUSH_TARGET_BYTES, Math.floor(bytes / 2));
