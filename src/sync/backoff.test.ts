import { describe, expect, it } from 'vitest';
import { MAX_PUSH_TARGET_BYTES, MIN_PUSH_TARGET_BYTES, backoffDelay, grownTarget, shrunkTarget } from './backoff';
import { ENVELOPE_BYTES, takeBatch } from './batch';
import { MAX_PUSH_BYTES, MAX_PUSH_V2_BYTES } from '../domain/sync-protocol';

const policy = { baseMs: 1000, capMs: 8000, maxTries: 5 };

describe('backoffDelay: exponential, full jitter, capped', () => {
  it.each([
    [1, 0.999, 999],
    [2, 0.999, 1998],
    [3, 0.5, 2000],
    [4, 0.999, 7992],
    [9, 0.999, 7992],
    [3, 0, 0],
  ])('attempt %i, random %f → %i ms', (attempt, random, ms) => {
    expect(backoffDelay(attempt, () => random, policy)).toBe(ms);
  });

  it('waits at least what the server asked (Retry-After), never beyond the cap', () => {
    expect([backoffDelay(1, () => 0, policy, 5000), backoffDelay(1, () => 0, policy, 60_000)]).toEqual([5000, 8000]);
  });
});

describe('push target', () => {
  it('doubles on success and halves on failure, within bounds', () => {
    expect([grownTarget(64 * 1024), grownTarget(MAX_PUSH_TARGET_BYTES), shrunkTarget(64 * 1024), shrunkTarget(MIN_PUSH_TARGET_BYTES)]).toEqual([
      128 * 1024, MAX_PUSH_TARGET_BYTES, 32 * 1024, MIN_PUSH_TARGET_BYTES,
    ]);
    expect(MAX_PUSH_TARGET_BYTES).toBeLessThanOrEqual(MAX_PUSH_V2_BYTES);
  });
});

describe('takeBatch', () => {
  const rows = (...bytes: number[]) => bytes.map((b, i) => ({ id: i, bytes: b }));
  const ids = (r: { rows: { id: number }[] }) => r.rows.map((x) => x.id);

  it.each([
    ['all fit', rows(10, 10, 10), 100, 10, [0, 1, 2]],
    ['stops before the row that would pass the target', rows(40, 40, 40), ENVELOPE_BYTES + 81, 10, [0, 1]],
    ['exactly at the target', rows(40, 40), ENVELOPE_BYTES + 81, 10, [0, 1]],
    ['count cap', rows(1, 1, 1, 1), 1000, 2, [0, 1]],
    ['a first row bigger than the target goes alone', rows(500, 1), 100, 10, [0]],
    ['nothing to send', rows(), 100, 10, []],
    ['a target above what a push may carry', rows(600 * 1024, 600 * 1024, 600 * 1024, 600 * 1024), 10 * MAX_PUSH_V2_BYTES, 10, [0, 1, 2]],
  ])('%s', (_name, input, target, count, expected) => {
    expect(ids(takeBatch(input, target, count))).toEqual(expected);
  });

  it('counts the envelope and commas in its bytes, and flags a row the protocol can never carry', () => {
    expect(takeBatch(rows(10, 20), 1000, 10).bytes).toBe(ENVELOPE_BYTES + 10 + 1 + 20);
    expect(takeBatch(rows(MAX_PUSH_BYTES), 1000, 10).tooBig).toBe(true);
    expect(takeBatch(rows(MAX_PUSH_BYTES - ENVELOPE_BYTES), 1000, 10).tooBig).toBe(false);
  });
});
