import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PUSH_BYTES } from '../domain/sync-protocol';
import { getHousehold } from '../db/households';
import { pendingInOrder } from '../db/outbox';
import { confirmedCount, householdSyncStatus, outboxSummary } from '../db/outbox-status';
import { INITIAL_PUSH_TARGET_BYTES, readSyncState, updateSyncState } from '../db/sync-state';
import { MIN_PUSH_TARGET_BYTES } from './backoff';
import { IN_FLIGHT } from './push';
import { SYNC_MESSAGES as T } from './messages';
import { PHONE_NOW, createBench, type Bench } from './testing/bench';

let bench: Bench;
beforeEach(() => {
  bench = createBench();
});
afterEach(async () => {
  await bench.close();
});

describe('syncNow: push', () => {
  it('sends everything once, names the device and user, and brings the other phone\'s households', async () => {
    const a = bench.phone();
    const b = bench.phone();
    await bench.recordHouseholds(a, 2, 'a');
    await bench.recordHouseholds(b, 1, 'b');
    expect(await bench.engine(a).syncNow()).toEqual({ ok: true, confirmed: 6, rejected: 0, pulled: 6, skipped: 0, pending: 0 });
    expect(await bench.engine(b, { userId: 'Anh Tổ' }).syncNow()).toMatchObject({ ok: true, confirmed: 3, pulled: 9 });
    await bench.engine(a).syncNow();
    expect((await getHousehold(a, 'b0'))?.people.map((p) => p.id)).toEqual(['b0-p']);
    expect((await getHousehold(b, 'a1'))?.household.headName).toBe('Chủ hộ a1');
    expect([...bench.server.appliedCount.values()].every((n) => n === 1)).toBe(true);
    const [first] = bench.server.requests;
    const stateA = await readSyncState(a);
    expect(first?.headers).toMatchObject({ authorization: 'Bearer ngo-so-demo', 'x-device-id': stateA?.deviceId, 'x-user': encodeURIComponent('Lò Thị Mây') });
    expect(first?.path).toBe('/api/sync/push');
    expect(await confirmedCount(a)).toBe(6);
    expect(stateA).toMatchObject({ lastSuccessAt: new Date(PHONE_NOW).toISOString(), lastAttemptAt: new Date(PHONE_NOW).toISOString() });
    expect(stateA?.lastError).toBeUndefined();
  });

  it('sends batches capped in bytes, starting small and growing while the link holds', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 60, 'h', 'Ghi chú dài '.repeat(40));
    await updateSyncState(db, () => ({ pushTargetBytes: 8 * 1024 }));
    await bench.engine(db).syncNow();
    const sizes = bench.pushes().map((r) => new TextEncoder().encode(JSON.stringify({ mutations: r.mutations })).length);
    expect(bench.pushes().length).toBeGreaterThan(IN_FLIGHT);
    // The first batches leave together, before any answer: all at the starting target.
    expect(sizes.slice(0, IN_FLIGHT).every((s) => s <= 8 * 1024)).toBe(true);
    const grown = sizes.find((s) => s > 8 * 1024) ?? 0;
    expect(grown).toBeGreaterThan(8 * 1024);
    expect(grown).toBeLessThanOrEqual(16 * 1024);
    expect(sizes.every((s) => s <= MAX_PUSH_BYTES)).toBe(true);
    expect(bench.server.appliedCount.size).toBe(180);
    expect((await readSyncState(db))?.pushTargetBytes).toBeGreaterThan(8 * 1024);
  });

  it('sends the next batch before the previous one is answered from the first batch on, never more than IN_FLIGHT at once', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 40, 'h', 'Ghi chú dài '.repeat(40));
    await updateSyncState(db, () => ({ pushTargetBytes: 8 * 1024 }));
    let onTheWay = 0;
    const seen: number[] = [];
    bench.server.intercept = async (req) => {
      if (req.path !== '/api/sync/push') return undefined;
      seen.push(++onTheWay);
      // The first answers wait a while, long enough for the batches behind them to leave.
      await new Promise((resolve) => setTimeout(resolve, seen.length <= IN_FLIGHT ? 300 : 5));
      onTheWay--;
      return undefined;
    };
    expect(await bench.engine(db, { timeoutMs: 5_000 }).syncNow()).toMatchObject({ ok: true, confirmed: 120, pending: 0 });
    expect(seen.slice(0, IN_FLIGHT)).toEqual(Array.from({ length: IN_FLIGHT }, (_, i) => i + 1));
    expect(Math.max(...seen)).toBe(IN_FLIGHT);
    expect([...bench.server.appliedCount.values()].every((n) => n === 1)).toBe(true);
  });

  it('compresses larger bodies with gzip', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 10);
    await bench.engine(db).syncNow();
    const [push] = bench.pushes();
    expect(push?.gzip).toBe(true);
    expect(push?.headers['content-type']).toBe('application/json');
    expect(push?.bodyBytes).toBeLessThan(new TextEncoder().encode(JSON.stringify({ mutations: push?.mutations })).length / 2);
  });

  it('sends plain bodies from then on if the server refuses gzip', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 10);
    bench.server.intercept = (req) => (req.gzip ? { kind: 'status', status: 415 } : undefined);
    expect(await bench.engine(db).syncNow()).toMatchObject({ ok: true, confirmed: 30 });
    expect(bench.pushes().map((r) => r.gzip)).toEqual([true, false]);
  });

  it('times out a request that hangs, backs off with full jitter, gives up after bounded tries, keeps everything', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 2);
    bench.server.intercept = () => ({ kind: 'hang' });
    const report = await bench.engine(db, { retry: { maxTries: 4, baseMs: 1000, capMs: 3000 } }).syncNow();
    expect(report).toEqual({ ok: false, confirmed: 0, rejected: 0, pulled: 0, skipped: 0, pending: 6, error: T.timeout });
    expect(bench.server.requests).toHaveLength(4);
    // random() = 0.5 of 1 s, 2 s, then the 3 s cap.
    expect(bench.sleeps).toEqual([500, 1000, 1500]);
    const state = await readSyncState(db);
    expect([state?.lastError, state?.lastErrorAt, state?.lastSuccessAt]).toEqual([T.timeout, new Date(PHONE_NOW).toISOString(), undefined]);
    // Halved at each of the four failures.
    expect(state?.pushTargetBytes).toBe(INITIAL_PUSH_TARGET_BYTES / 2 ** 4);
    expect(await outboxSummary(db)).toEqual({ pending: 6, rejected: 0 });
  });

  it('says in plain words when there is no connection, and clears the error after a good sync', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 1);
    bench.server.intercept = () => ({ kind: 'offline' });
    expect((await bench.engine(db, { retry: { maxTries: 2 } }).syncNow()).error).toBe(T.offline);
    expect((await readSyncState(db))?.lastError).toBe(T.offline);
    bench.server.intercept = () => undefined;
    expect((await bench.engine(db).syncNow()).ok).toBe(true);
    expect((await readSyncState(db))?.lastError).toBeUndefined();
  });

  it('tries a cut connection again at once the first time, and backs off with jitter from the second cut in a row', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 1);
    bench.server.intercept = (_req, n) => (n <= 2 ? { kind: 'offline' } : undefined);
    expect(await bench.engine(db).syncNow()).toMatchObject({ ok: true, confirmed: 3, pending: 0 });
    // No wait after the first cut; random() = 0.5 of 2 s after the second.
    expect(bench.sleeps).toEqual([1000]);
    expect([...bench.server.appliedCount.values()].every((n) => n === 1)).toBe(true);
  });

  it('stops at once when the server refuses the token', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 1);
    bench.server.intercept = () => ({ kind: 'status', status: 401 });
    const report = await bench.engine(db).syncNow();
    expect(report).toMatchObject({ ok: false, error: T.auth });
    expect(report.revoked).toBeUndefined();
    expect([bench.server.requests.length, bench.sleeps]).toEqual([1, []]);
  });

  it('says distinctly that the token was revoked (401, code "revoked"), on push or on pull, and stops at once', async () => {
    const revoked = { kind: 'status', status: 401, body: { error: 'revoked', code: 'revoked' } } as const;
    const db = bench.phone();
    await bench.recordHouseholds(db, 1);
    bench.server.intercept = () => revoked;
    expect(await bench.engine(db).syncNow()).toEqual({ ok: false, confirmed: 0, rejected: 0, pulled: 0, skipped: 0, pending: 3, error: T.revoked, revoked: true });
    expect([bench.server.requests.length, bench.sleeps]).toEqual([1, []]);

    const quiet = bench.phone();
    bench.server.intercept = (req) => (req.path.startsWith('/api/sync/pull') ? revoked : undefined);
    expect(await bench.engine(quiet).syncNow()).toMatchObject({ ok: false, revoked: true, error: T.revoked });
  });

  it('retries a busy server, honouring Retry-After, and then gets through', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 1);
    bench.server.intercept = (_req, n) => (n === 1 ? { kind: 'status', status: 503, headers: { 'Retry-After': '2' } } : undefined);
    expect(await bench.engine(db).syncNow()).toMatchObject({ ok: true, confirmed: 3 });
    expect(bench.sleeps).toEqual([2000]);
  });

  it('sets a refused mutation aside with the reason while everything else flows', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 3);
    bench.server.reject = (m) => (m.householdId === 'h1' && m.entity === 'person' ? 'Năm sinh không hợp lệ' : undefined);
    expect(await bench.engine(db).syncNow()).toMatchObject({ ok: true, confirmed: 8, rejected: 1, pending: 0 });
    expect(await householdSyncStatus(db, ['h0', 'h1', 'h2'])).toEqual(new Map([
      ['h0', { state: 'confirmed' }],
      ['h1', { state: 'rejected', reasons: ['Năm sinh không hợp lệ'] }],
      ['h2', { state: 'confirmed' }],
    ]));
    // A refused mutation is not sent again by itself.
    const before = bench.pushes().length;
    await bench.engine(db).syncNow();
    expect(bench.pushes().length).toBe(before);
  });

  it('resumes where it stopped: acknowledged batches are never sent again', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 30, 'h', 'x'.repeat(600));
    await updateSyncState(db, () => ({ pushTargetBytes: MIN_PUSH_TARGET_BYTES }));
    bench.server.intercept = (req, n) => (n >= 3 && req.path === '/api/sync/push' ? { kind: 'offline' } : undefined);
    const first = await bench.engine(db, { retry: { maxTries: 1 } }).syncNow();
    expect(first).toMatchObject({ ok: false, error: T.offline });
    const sentBefore = new Set(bench.pushes().slice(0, 2).flatMap((r) => r.mutations?.map((m) => m.id) ?? []));
    expect(first.confirmed).toBe(sentBefore.size);
    expect((await pendingInOrder(db, 1000)).some((r) => sentBefore.has(r.id))).toBe(false);

    bench.server.intercept = () => undefined;
    const cut = bench.server.requests.length;
    expect(await bench.engine(db).syncNow()).toMatchObject({ ok: true, pending: 0 });
    const resent = bench.server.requests.slice(cut).flatMap((r) => r.mutations?.map((m) => m.id) ?? []);
    expect(resent.filter((id) => sentBefore.has(id))).toEqual([]);
    expect(bench.server.appliedCount.size).toBe(90);
  });

  it('applies exactly once when answers are lost on the way back', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 5);
    bench.server.intercept = (req, n) => (req.path === '/api/sync/push' && n % 2 === 1 ? { kind: 'lose-response' } : undefined);
    const report = await bench.engine(db).syncNow();
    expect(report).toMatchObject({ ok: true, confirmed: 15, pending: 0 });
    expect([...bench.server.appliedCount.values()].every((n) => n === 1)).toBe(true);
    expect(await confirmedCount(db)).toBe(15);
  });

  it('splits a batch the server finds too large, and sets aside a change too large to send alone', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 6);
    bench.server.intercept = (req) => ((req.mutations?.length ?? 0) > 2 || req.mutations?.some((m) => m.entityId === 'h3-v') ? { kind: 'status', status: 413 } : undefined);
    const report = await bench.engine(db).syncNow();
    expect(report).toMatchObject({ ok: true, confirmed: 17, rejected: 1 });
    expect(await householdSyncStatus(db, ['h3'])).toEqual(new Map([['h3', { state: 'rejected', reasons: [T.tooLarge] }]]));
  });

  // An answer that does not account for every mutation sent, in either version of the answer.
  // Version 1 names the mutation it answers, which leaves the outbox; version 2's counts name none.
  const forgetful: Record<string, { answer: (req: { mutations?: { id: string }[] }) => unknown; sentAgain: number }> = {
    'version 1: results that leave some out': { answer: (req) => ({ results: [{ id: req.mutations?.[0]?.id, status: 'applied' }], serverTime: new Date().toISOString() }), sentAgain: 2 },
    'version 2: counts that leave one out': { answer: (req) => ({ v: 2, applied: (req.mutations?.length ?? 0) - 1, duplicate: 0, rejected: [], serverTime: new Date().toISOString() }), sentAgain: 3 },
  };
  it.each(Object.keys(forgetful))('sends version 3 bodies; an answer that forgets some mutations (%s) is a failure, and they go again', async (kind) => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 1);
    let first = true;
    bench.server.intercept = (req) => {
      if (!first || req.path !== '/api/sync/push') return undefined;
      first = false;
      return { kind: 'status', status: 200, body: forgetful[kind]?.answer(req) };
    };
    expect(await bench.engine(db).syncNow()).toMatchObject({ ok: true, confirmed: 3, pending: 0 });
    expect(bench.sleeps).toHaveLength(1);
    expect(bench.pushes().map((r) => [r.version, r.mutations?.length])).toEqual([[3, 3], [3, forgetful[kind]?.sentAgain]]);
    // What was sent again is applied once.
    expect([...bench.server.appliedCount.values()].every((n) => n === 1)).toBe(true);
  });

  it('sets aside only what a version 2 answer refuses, by id', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 2);
    bench.server.reject = (m) => (m.entityId === 'h1-p' ? 'Năm sinh không hợp lệ' : undefined);
    expect(await bench.engine(db).syncNow()).toMatchObject({ confirmed: 5, rejected: 1, pending: 0 });
    expect(await householdSyncStatus(db, ['h0', 'h1'])).toEqual(new Map([['h0', { state: 'confirmed' }], ['h1', { state: 'rejected', reasons: ['Năm sinh không hợp lệ'] }]]));
  });

  it('will not sync without the team member\'s name, and says so', async () => {
    const db = bench.phone();
    expect(await bench.engine(db, { userId: ' ' }).syncNow()).toMatchObject({ ok: false, error: T.noUser });
    expect(bench.server.requests).toEqual([]);
  });

  it('never runs two syncs at once: a second call joins the first', async () => {
    const db = bench.phone();
    await bench.recordHouseholds(db, 2);
    const sync = bench.engine(db);
    const [one, two] = [sync.syncNow(), sync.syncNow()];
    expect(sync.isSyncing()).toBe(true);
    expect(one).toBe(two);
    await one;
    expect(sync.isSyncing()).toBe(false);
    expect(bench.pushes()).toHaveLength(1);
  });

  it('reports an unreadable server answer in words, without throwing', async () => {
    const db = bench.phone();
    bench.server.intercept = () => ({ kind: 'status', status: 200, body: { nonsense: true } });
    expect(await bench.engine(db, { retry: { maxTries: 2 } }).syncNow()).toMatchObject({ ok: false, error: T.badResponse });
  });
});
