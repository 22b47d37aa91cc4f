import { describe, expect, it } from 'vitest';
import { syncHealth } from './sync-health';

const NOW = Date.UTC(2026, 10, 24, 8);
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

describe('syncHealth', () => {
  it.each([
    ['nothing to send, never synced', 0, null, { level: 'ok' }],
    ['records waiting, synced yesterday', 4, daysAgo(1), { level: 'waiting', pending: 4 }],
    ['records waiting, synced 3 days ago', 4, daysAgo(3), { level: 'stale', pending: 4, daysSinceSync: 3 }],
    ['records waiting, never synced', 2, null, { level: 'stale', pending: 2, daysSinceSync: null }],
    ['nothing to send, last sync a month ago', 0, daysAgo(30), { level: 'ok' }],
  ])('%s', (_name, pending, lastSuccessAt, expected) => {
    expect(syncHealth({ pending, lastSuccessAt, nowMs: NOW })).toEqual(expected);
  });
});
