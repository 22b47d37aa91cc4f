import { describe, expect, it } from 'vitest';
import { syncStates } from './outbox-status';

describe('syncStates', () => {
  const row = (householdId: string, status: 'pending' | 'rejected', reason?: string) => ({ householdId, status, ...(reason === undefined ? {} : { reason }) });

  it('is confirmed with nothing waiting, local with a change waiting', () => {
    expect(syncStates(['h1', 'h2'], [row('h2', 'pending'), row('h2', 'pending')])).toEqual(new Map([['h1', { state: 'confirmed' }], ['h2', { state: 'local' }]]));
  });

  it('is rejected, with its distinct reasons, whatever order the rows come in', () => {
    const rows = [row('h1', 'rejected', 'a'), row('h1', 'pending'), row('h1', 'rejected', 'b'), row('h1', 'rejected', 'a')];
    expect(syncStates(['h1'], rows)).toEqual(new Map([['h1', { state: 'rejected', reasons: ['a', 'b'] }]]));
    expect(syncStates(['h1'], [...rows].reverse())).toEqual(new Map([['h1', { state: 'rejected', reasons: ['a', 'b'] }]]));
  });

  it('leaves out rows of households not asked about', () => {
    expect(syncStates(['h1'], [row('h9', 'pending'), row('h9', 'rejected', 'x')])).toEqual(new Map([['h1', { state: 'confirmed' }]]));
  });
});
