import { describe, expect, it } from 'vitest';
import type { SyncEngine, SyncEngineOptions, SyncReport } from './engine';
import { ENGINE_LOAD_FAILED, lazySyncEngine } from './lazy-engine';

const OPTIONS = { baseUrl: '', token: 't', userId: 'Tổ' } as unknown as SyncEngineOptions;
const OK: SyncReport = { ok: true, confirmed: 3, rejected: 0, pulled: 1, skipped: 0, pending: 0 };

function fakeEngine(): SyncEngine & { calls: number } {
  const e = {
    calls: 0,
    syncNow: async () => {
      e.calls++;
      return OK;
    },
    isSyncing: () => true,
  };
  return e;
}

describe('the sync engine loaded at its first sync', () => {
  it('loads the engine once, at the first sync, with the options given', async () => {
    const engine = fakeEngine();
    const seen: SyncEngineOptions[] = [];
    let loads = 0;
    const lazy = lazySyncEngine(OPTIONS, async () => {
      loads++;
      return { createSyncEngine: (o) => (seen.push(o), engine) };
    });
    expect(loads).toBe(0);
    expect(lazy.isSyncing()).toBe(false);
    expect(await lazy.syncNow()).toEqual(OK);
    expect(await lazy.syncNow()).toEqual(OK);
    expect(loads).toBe(1);
    expect(seen).toEqual([OPTIONS]);
    expect(engine.calls).toBe(2);
    expect(lazy.isSyncing()).toBe(true);
  });

  it('reports a chunk that will not load as a failed sync, and loads again at the next one', async () => {
    const engine = fakeEngine();
    let attempt = 0;
    const lazy = lazySyncEngine(OPTIONS, async () => {
      attempt++;
      if (attempt === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { createSyncEngine: () => engine };
    });
    const failed = await lazy.syncNow();
    expect(failed).toMatchObject({ ok: false, error: ENGINE_LOAD_FAILED });
    expect(await lazy.syncNow()).toEqual(OK);
    expect(attempt).toBe(2);
  });
});
