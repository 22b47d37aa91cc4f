import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseStamp } from '../domain/clock';
import { newHousehold, type Household } from '../domain/household';
import { newPerson, type Person } from '../domain/person';
import { MAX_PUSH_BYTES } from '../domain/sync-protocol';
import { openDatabase, type NgoSoDb } from '../db/database';
import { getHousehold, saveHousehold } from '../db/households';
import { pendingInOrder } from '../db/outbox';
import { confirmedCount, householdSyncStatus, outboxSummary } from '../db/outbox-status';
import { readSyncState, updateSyncState } from '../db/sync-state';
import { MIN_PUSH_TARGET_BYTES } from './backoff';
import { createSyncEngine, type SyncEngineOptions } from './engine';
import { SYNC_MESSAGES as T } from './messages';
import { createFakeServer, type FakeServer } from './testing/fake-server';

const T0 = '2026-03-01T08:00:00.000Z';
const PHONE_NOW = Date.parse('2026-03-05T08:00:00.000Z');

const household = (id: string, change: Partial<Household> = {}): Household => ({
  ...newHousehold({ id, communeCode: 'X1', hamletCode: 'T1', createdAt: T0 }),
  headName: `Chủ hộ ${id}`,
  ...change,
});
const person = (id: string, householdId: string, change: Partial<Person> = {}): Person => ({
  ...newPerson({ id, householdId, name: `Người ${id}`, birthYear: 1990, consent: { givenBy: 'self', givenAt: T0, recordedBy: 'Tổ', textVersion: 'v1' }, updatedAt: T0 }),
  ...change,
});

const dbs: NgoSoDb[] = [];
const phone = () => {
  const db = openDatabase(`ngo-so-sync-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

let server: FakeServer;
let sleeps: number[];
beforeEach(() => {
  server = createFakeServer();
  sleeps = [];
});

function engine(db: NgoSoDb, change: Partial<SyncEngineOptions> = {}) {
  return createSyncEngine({
    db,
    baseUrl: 'http://commune.test/',
    token: 'ngo-so-demo',
    userId: 'Lò Thị Mây',
    fetch: server.fetch,
    now: () => PHONE_NOW,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    timeoutMs: 50,
    ...change,
  });
}

async function recordHouseholds(db: NgoSoDb, count: number, prefix = 'h', notes = ''): Promise<void> {
  for (let i = 0; i < count; i++) {
    const id = `${prefix}${i}`;
    await saveHousehold(db, { household: household(id), people: [person(`${id}-p`, id)], visitId: `${id}-v`, visitor: 'Lò Thị Mây', notes, now: T0 });
  }
}

const pushes = () => server.requests.filter((r) => r.path === '/api/sync/push');

describe('syncNow', () => {
  it('sends everything once, names the device and user, and brings the other phone\'s households', async () => {
    const a = phone();
    const b = phone();
    await recordHouseholds(a, 2, 'a');
    await recordHouseholds(b, 1, 'b');
    expect(await engine(a).syncNow()).toEqual({ ok: true, confirmed: 6, rejected: 0, pulled: 6, skipped: 0, pending: 0 });
    expect(await engine(b, { userId: 'Anh Tổ' }).syncNow()).toMatchObject({ ok: true, confirmed: 3, pulled: 9 });
    await engine(a).syncNow();
    expect((await getHousehold(a, 'b0'))?.people.map((p) => p.id)).toEqual(['b0-p']);
    expect((await getHousehold(b, 'a1'))?.household.headName).toBe('Chủ hộ a1');
    expect([...server.appliedCount.values()].every((n) => n === 1)).toBe(true);
    const [first] = server.requests;
    const stateA = await readSyncState(a);
    expect(first?.headers).toMatchObject({ authorization: 'Bearer ngo-so-demo', 'x-device-id': stateA?.deviceId, 'x-user': encodeURIComponent('Lò Thị Mây') });
    expect(first?.path).toBe('/api/sync/push');
    expect(await confirmedCount(a)).toBe(6);
    expect(stateA).toMatchObject({ lastSuccessAt: new Date(PHONE_NOW).toISOString(), lastAttemptAt: new Date(PHONE_NOW).toISOString() });
    expect(stateA?.lastError).toBeUndefined();
  });

  it('sends batches capped in bytes, starting small and growing while the link holds', async () => {
    const db = phone();
    await recordHouseholds(db, 60, 'h', 'Ghi chú dài '.repeat(40));
    await updateSyncState(db, () => ({ pushTargetBytes: 8 * 1024 }));
    await engine(db).syncNow();
    const sizes = pushes().map((r) => new TextEncoder().encode(JSON.stringify({ mutations: r.mutations })).length);
    expect(pushes().length).toBeGreaterThan(2);
    expect(sizes[0]).toBeLessThanOrEqual(8 * 1024);
    expect(sizes[1]).toBeGreaterThan(8 * 1024);
    expect(sizes[1]).toBeLessThanOrEqual(16 * 1024);
    expect(sizes.every((s) => s <= MAX_PUSH_BYTES)).toBe(true);
    expect(server.appliedCount.size).toBe(180);
    expect((await readSyncState(db))?.pushTargetBytes).toBeGreaterThan(8 * 1024);
  });

  it('compresses larger bodies with gzip', async () => {
    const db = phone();
    await recordHouseholds(db, 10);
    await engine(db).syncNow();
    const [push] = pushes();
    expect(push?.gzip).toBe(true);
    expect(push?.headers['content-type']).toBe('application/json');
    expect(push?.bodyBytes).toBeLessThan(new TextEncoder().encode(JSON.stringify({ mutations: push?.mutations })).length / 2);
  });

  it('sends plain bodies from then on if the server refuses gzip', async () => {
    const db = phone();
    await recordHouseholds(db, 10);
    server.intercept = (req) => (req.gzip ? { kind: 'status', status: 415 } : undefined);
    expect(await engine(db).syncNow()).toMatchObject({ ok: true, confirmed: 30 });
    expect(pushes().map((r) => r.gzip)).toEqual([true, false]);
  });

  it('times out a request that hangs, backs off with full jitter, gives up after bounded tries, keeps everything', async () => {
    const db = phone();
    await recordHouseholds(db, 2);
    server.intercept = () => ({ kind: 'hang' });
    const report = await engine(db, { retry: { maxTries: 4, baseMs: 1000, capMs: 3000 } }).syncNow();
    expect(report).toEqual({ ok: false, confirmed: 0, rejected: 0, pulled: 0, skipped: 0, pending: 6, error: T.timeout });
    expect(server.requests).toHaveLength(4);
    // random() = 0.5 of 1 s, 2 s, then the 3 s cap.
    expect(sleeps).toEqual([500, 1000, 1500]);
    const state = await readSyncState(db);
    expect([state?.lastError, state?.lastErrorAt, state?.lastSuccessAt]).toEqual([T.timeout, new Date(PHONE_NOW).toISOString(), undefined]);
    expect(state?.pushTargetBytes).toBe(MIN_PUSH_TARGET_BYTES);
    expect(await outboxSummary(db)).toEqual({ pending: 6, rejected: 0 });
  });

  it('says in plain words when there is no connection, and clears the error after a good sync', async () => {
    const db = phone();
    await recordHouseholds(db, 1);
    server.intercept = () => ({ kind: 'offline' });
    expect((await engine(db, { retry: { maxTries: 2 } }).syncNow()).error).toBe(T.offline);
    expect((await readSyncState(db))?.lastError).toBe(T.offline);
    server.intercept = () => undefined;
    expect((await engine(db).syncNow()).ok).toBe(true);
    expect((await readSyncState(db))?.lastError).toBeUndefined();
  });

  it('stops at once when the server refuses the token', async () => {
    const db = phone();
    await recordHouseholds(db, 1);
    server.intercept = () => ({ kind: 'status', status: 401 });
    expect(await engine(db).syncNow()).toMatchObject({ ok: false, error: T.auth });
    expect([server.requests.length, sleeps]).toEqual([1, []]);
  });

  it('retries a busy server, honouring Retry-After, and then gets through', async () => {
    const db = phone();
    await recordHouseholds(db, 1);
    server.intercept = (_req, n) => (n === 1 ? { kind: 'status', status: 503, headers: { 'Retry-After': '2' } } : undefined);
    expect(await engine(db).syncNow()).toMatchObject({ ok: true, confirmed: 3 });
    expect(sleeps).toEqual([2000]);
  });

  it('sets a refused mutation aside with the reason while everything else flows', async () => {
    const db = phone();
    await recordHouseholds(db, 3);
    server.reject = (m) => (m.householdId === 'h1' && m.entity === 'person' ? 'Năm sinh không hợp lệ' : undefined);
    expect(await engine(db).syncNow()).toMatchObject({ ok: true, confirmed: 8, rejected: 1, pending: 0 });
    expect(await householdSyncStatus(db, ['h0', 'h1', 'h2'])).toEqual(new Map([
      ['h0', { state: 'confirmed' }],
      ['h1', { state: 'rejected', reasons: ['Năm sinh không hợp lệ'] }],
      ['h2', { state: 'confirmed' }],
    ]));
    // A refused mutation is not sent again by itself.
    const before = pushes().length;
    await engine(db).syncNow();
    expect(pushes().length).toBe(before);
  });

  it('resumes where it stopped: acknowledged batches are never sent again', async () => {
    const db = phone();
    await recordHouseholds(db, 30, 'h', 'x'.repeat(600));
    await updateSyncState(db, () => ({ pushTargetBytes: MIN_PUSH_TARGET_BYTES }));
    server.intercept = (req, n) => (n >= 3 && req.path === '/api/sync/push' ? { kind: 'offline' } : undefined);
    const first = await engine(db, { retry: { maxTries: 1 } }).syncNow();
    expect(first).toMatchObject({ ok: false, error: T.offline });
    const sentBefore = new Set(pushes().slice(0, 2).flatMap((r) => r.mutations?.map((m) => m.id) ?? []));
    expect(first.confirmed).toBe(sentBefore.size);
    expect((await pendingInOrder(db, 1000)).some((r) => sentBefore.has(r.id))).toBe(false);

    server.intercept = () => undefined;
    const cut = server.requests.length;
    expect(await engine(db).syncNow()).toMatchObject({ ok: true, pending: 0 });
    const resent = server.requests.slice(cut).flatMap((r) => r.mutations?.map((m) => m.id) ?? []);
    expect(resent.filter((id) => sentBefore.has(id))).toEqual([]);
    expect(server.appliedCount.size).toBe(90);
  });

  it('applies exactly once when answers are lost on the way back', async () => {
    const db = phone();
    await recordHouseholds(db, 5);
    server.intercept = (req, n) => (req.path === '/api/sync/push' && n % 2 === 1 ? { kind: 'lose-response' } : undefined);
    const report = await engine(db).syncNow();
    expect(report).toMatchObject({ ok: true, confirmed: 15, pending: 0 });
    expect([...server.appliedCount.values()].every((n) => n === 1)).toBe(true);
    expect(await confirmedCount(db)).toBe(15);
  });

  it('splits a batch the server finds too large, and sets aside a change too large to send alone', async () => {
    const db = phone();
    await recordHouseholds(db, 6);
    server.intercept = (req) => ((req.mutations?.length ?? 0) > 2 || req.mutations?.some((m) => m.entityId === 'h3-v') ? { kind: 'status', status: 413 } : undefined);
    const report = await engine(db).syncNow();
    expect(report).toMatchObject({ ok: true, confirmed: 17, rejected: 1 });
    expect(await householdSyncStatus(db, ['h3'])).toEqual(new Map([['h3', { state: 'rejected', reasons: [T.tooLarge] }]]));
  });

  it('treats an answer that forgets some mutations as a failure, and sends them again', async () => {
    const db = phone();
    await recordHouseholds(db, 1);
    let first = true;
    server.intercept = (req) => {
      if (!first || req.path !== '/api/sync/push') return undefined;
      first = false;
      return { kind: 'status', status: 200, body: { results: [{ id: req.mutations?.[0]?.id, status: 'applied' }], serverTime: new Date().toISOString() } };
    };
    expect(await engine(db).syncNow()).toMatchObject({ ok: true, pending: 0 });
    expect(sleeps).toHaveLength(1);
  });

  it('records the clock offset from the server\'s time, and stamps later changes with it', async () => {
    const db = phone();
    server.serverTime = () => PHONE_NOW + 3_600_000;
    await engine(db).syncNow();
    expect((await readSyncState(db))?.clockOffsetMs).toBe(3_600_000);
    await saveHousehold(db, { household: household('h1'), people: [], visitId: 'v1', visitor: 'Mây', notes: '', now: new Date(PHONE_NOW).toISOString() });
    const [row] = await pendingInOrder(db, 1);
    expect(parseStamp(row?.stamp ?? '')?.ms).toBe(PHONE_NOW + 3_600_000);
  });

  it('pulls page after page, keeping the cursor, and starts from it next time', async () => {
    const a = phone();
    const b = phone();
    await recordHouseholds(a, 5);
    await engine(a).syncNow();
    const report = await engine(b, { pullPageSize: 4 }).syncNow();
    expect(report).toMatchObject({ ok: true, pulled: 15 });
    const pulls = server.requests.filter((r) => r.path.startsWith('/api/sync/pull'));
    expect(pulls.slice(-4).map((r) => r.path)).toEqual([
      '/api/sync/pull?cursor=&limit=4',
      '/api/sync/pull?cursor=4&limit=4',
      '/api/sync/pull?cursor=8&limit=4',
      '/api/sync/pull?cursor=12&limit=4',
    ]);
    expect((await readSyncState(b))?.cursor).toBe('15');
    await engine(b).syncNow();
    expect(server.requests.at(-1)?.path).toBe('/api/sync/pull?cursor=15&limit=500');
  });

  it('keeps a refused edit on screen when others\' changes to the household arrive', async () => {
    const a = phone();
    const b = phone();
    await recordHouseholds(a, 1);
    await engine(a).syncNow();
    await engine(b).syncNow();
    const stored = await getHousehold(b, 'h0');
    if (stored === undefined) throw new Error('not pulled');
    await saveHousehold(b, { household: { ...stored.household, houseNumber: '99' }, people: stored.people, visitId: 'vb', visitor: 'B', notes: '', now: '2026-03-06T08:00:00.000Z' });
    server.reject = (m) => ('houseNumber' in m.fields && m.fields.houseNumber === '99' ? 'Số nhà không có thật' : undefined);
    await saveHousehold(a, { household: { ...stored.household, fiber: true }, people: stored.people, visitId: 'va', visitor: 'A', notes: '', now: '2026-03-06T09:00:00.000Z' });
    await engine(a).syncNow();
    await engine(b).syncNow();
    expect((await getHousehold(b, 'h0'))?.household).toMatchObject({ houseNumber: '99', fiber: true });
  });

  it('pulls again a record it showed with an edit of its own on top, once the server has merged that edit', async () => {
    const a = phone();
    const b = phone();
    await recordHouseholds(a, 1);
    await engine(a).syncNow();
    await engine(b).syncNow();
    const seen = await getHousehold(b, 'h0');
    if (seen === undefined) throw new Error('not pulled');
    // B's edit is stamped later than the one A is about to make (A's clock is behind).
    await saveHousehold(b, { household: { ...seen.household, houseNumber: '6' }, people: seen.people, visitId: 'vb', visitor: 'B', notes: '', now: '2026-03-09T08:00:00.000Z' });
    await engine(b).syncNow();
    // A saves while its pull is on the way: its edit lies over B's record on A's screen.
    server.intercept = async (req) => {
      if (!req.path.startsWith('/api/sync/pull')) return undefined;
      server.intercept = () => undefined;
      await saveHousehold(a, { household: { ...seen.household, houseNumber: '5' }, people: seen.people, visitId: 'va', visitor: 'A', notes: '', now: '2026-03-07T08:00:00.000Z' });
      return undefined;
    };
    const overlaidPageFrom = (await readSyncState(a))?.cursor ?? '';
    await engine(a).syncNow();
    expect((await getHousehold(a, 'h0'))?.household.houseNumber).toBe('5');
    expect((await pendingInOrder(a, 10)).find((r) => r.mutation.entity === 'household')?.overlaid).toBeDefined();
    // The server keeps B's later '6' and the record does not move on; A pulls from that page again.
    const cut = server.requests.length;
    await engine(a).syncNow();
    expect((await getHousehold(a, 'h0'))?.household.houseNumber).toBe('6');
    expect(server.requests.slice(cut).find((r) => r.method === 'GET')?.path).toBe(`/api/sync/pull?cursor=${overlaidPageFrom}&limit=500`);
    expect((await readSyncState(a))?.rewind).toBeUndefined();
  });

  it('starts over from the beginning when the server no longer knows the cursor', async () => {
    const a = phone();
    await recordHouseholds(a, 1);
    await engine(a).syncNow();
    await updateSyncState(a, () => ({ cursor: 'from-another-server' }));
    server.intercept = (req) => (req.path.includes('from-another-server') ? { kind: 'status', status: 400, body: { error: 'This cursor was not issued by this server' } } : undefined);
    expect(await engine(a).syncNow()).toMatchObject({ ok: true, pulled: 3 });
    expect((await readSyncState(a))?.cursor).toBe('3');
  });

  it('will not sync without the team member\'s name, and says so', async () => {
    const db = phone();
    expect(await engine(db, { userId: ' ' }).syncNow()).toMatchObject({ ok: false, error: T.noUser });
    expect(server.requests).toEqual([]);
  });

  it('never runs two syncs at once: a second call joins the first', async () => {
    const db = phone();
    await recordHouseholds(db, 2);
    const sync = engine(db);
    const [one, two] = [sync.syncNow(), sync.syncNow()];
    expect(sync.isSyncing()).toBe(true);
    expect(one).toBe(two);
    await one;
    expect(sync.isSyncing()).toBe(false);
    expect(pushes()).toHaveLength(1);
  });

  it('reports an unreadable server answer in words, without throwing', async () => {
    const db = phone();
    server.intercept = () => ({ kind: 'status', status: 200, body: { nonsense: true } });
    expect(await engine(db, { retry: { maxTries: 2 } }).syncNow()).toMatchObject({ ok: false, error: T.badResponse });
  });
});
