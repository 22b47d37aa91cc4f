import { describe, expect, it } from 'vitest';
import { autoSync, type AutoSyncEnvironment } from './auto-sync';
import type { SyncReport } from './engine';

const REPORT: SyncReport = { ok: true, confirmed: 0, rejected: 0, pulled: 0, skipped: 0, pending: 0 };

function setup(options: { online?: boolean; visible?: boolean } = {}) {
  const handlers = new Map<string, () => void>();
  let tick: (() => void) | undefined;
  const state = { online: options.online ?? true, visible: options.visible ?? true, now: 0, stopped: 0 };
  const env: AutoSyncEnvironment = {
    listen(event, handler) {
      handlers.set(event, handler);
      return () => {
        handlers.delete(event);
        state.stopped++;
      };
    },
    isOnline: () => state.online,
    isVisible: () => state.visible,
    every(_ms, t) {
      tick = t;
      return () => {
        tick = undefined;
        state.stopped++;
      };
    },
    now: () => state.now,
  };
  const finish: Array<() => void> = [];
  const engine = {
    calls: 0,
    syncNow() {
      engine.calls++;
      return new Promise<SyncReport>((resolve) => finish.push(() => resolve(REPORT)));
    },
  };
  const fire = (event: string) => handlers.get(event)?.();
  const settle = async () => {
    finish.splice(0).forEach((f) => f());
    await new Promise((r) => setTimeout(r, 0));
  };
  return { env, engine, state, fire, settle, tick: () => tick?.(), handlers };
}

describe('autoSync', () => {
  it('syncs at start when online, and never starts a second sync while one runs', async () => {
    const t = setup();
    autoSync(t.engine, { environment: t.env, minGapMs: 0 });
    t.fire('online');
    t.fire('focus');
    expect(t.engine.calls).toBe(1);
    await t.settle();
    t.fire('focus');
    expect(t.engine.calls).toBe(2);
  });

  it('waits for the connection when offline, and goes as soon as it comes back', async () => {
    const t = setup({ online: false });
    autoSync(t.engine, { environment: t.env });
    t.tick();
    t.fire('focus');
    expect(t.engine.calls).toBe(0);
    t.state.online = true;
    t.fire('online');
    expect(t.engine.calls).toBe(1);
  });

  it('on focus, when seen again, and on the interval — but not closer than the gap, nor while hidden', async () => {
    const t = setup();
    const reports: SyncReport[] = [];
    autoSync(t.engine, { environment: t.env, minGapMs: 10_000, onReport: (r) => reports.push(r) });
    await t.settle();
    t.state.now = 5_000;
    t.fire('focus');
    expect(t.engine.calls).toBe(1);
    t.state.now = 20_000;
    t.state.visible = false;
    t.tick();
    t.fire('visibilitychange');
    expect(t.engine.calls).toBe(1);
    t.state.visible = true;
    t.fire('visibilitychange');
    expect(t.engine.calls).toBe(2);
    await t.settle();
    t.state.now = 40_000;
    t.tick();
    expect(t.engine.calls).toBe(3);
    await t.settle();
    expect(reports).toHaveLength(3);
  });

  it('stops listening when stopped', () => {
    const t = setup();
    const stop = autoSync(t.engine, { environment: t.env });
    stop();
    expect([t.handlers.size, t.state.stopped]).toEqual([0, 4]);
  });
});
