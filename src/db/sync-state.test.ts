import { describe, expect, it } from 'vitest';
import { parseStamp } from '../domain/clock';
import { freshSyncState, stampsAfter } from './sync-state';

const T = Date.parse('2026-11-20T03:00:00.000Z');

describe('stampsAfter', () => {
  it('stamps at the time given (the screen corrected it already: not corrected twice), one after the other, and records the last', () => {
    const state = { ...freshSyncState('dev-1'), clockOffsetMs: -60_000 };
    const { stamps, state: next } = stampsAfter(state, T, 3);
    expect(stamps.map((s) => parseStamp(s))).toEqual([0, 1, 2].map((counter) => ({ ms: T, counter, device: 'dev-1' })));
    expect(next).toEqual({ ...state, lastStamp: stamps[2] });
  });

  it('after a clock that went backwards, still after the last stamp issued', () => {
    const first = stampsAfter(freshSyncState('dev-1'), T, 1).state;
    const { stamps } = stampsAfter(first, T - 86_400_000, 1);
    expect(parseStamp(stamps[0] ?? '')).toEqual({ ms: T, counter: 1, device: 'dev-1' });
  });

  it('no stamps, no change', () => {
    const state = freshSyncState('dev-1');
    expect(stampsAfter(state, T, 0)).toEqual({ stamps: [], state });
  });
});
