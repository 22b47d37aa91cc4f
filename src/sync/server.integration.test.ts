// The phone's sync engine against the real server (src/server, a real SQLite file): two phones,
// each a Dexie database in fake-indexeddb, record offline, sync, and see each other's work.
import 'fake-indexeddb/auto';
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COMMUNE_CODE } from '../domain/demo-commune';
import { newHousehold, type Household } from '../domain/household';
import { newPerson, type Person } from '../domain/person';
import { openDatabase, type NgoSoDb } from '../db/database';
import { getHousehold, householdAuthors, listVisits, saveHousehold, withdrawConsent } from '../db/households';
import { pendingInOrder } from '../db/outbox';
import { confirmedCount, householdSyncStatus } from '../db/outbox-status';
import { readSyncState } from '../db/sync-state';
import { DATABASE_FILE } from '../server/sync/sqlite-store';
import { startServer, type RunningServer } from '../server/main';
import { fetchAreas, fetchMe, signIn, signOut } from './account-api';
import { createSyncEngine, type SyncEngineOptions } from './engine';
import { SYNC_MESSAGES } from './messages';
import { IN_FLIGHT } from './push';

const HAMLET = 'DEMO-T1';
const T0 = '2026-11-20T08:00:00.000Z';

let tmp = '';
let server: RunningServer | undefined;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ngo-so-sync-it-'));
  server = await startServer({ port: 0, host: '127.0.0.1', distDir: join(tmp, 'dist'), dataDir: join(tmp, 'data') });
});
afterAll(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

const dbs: NgoSoDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

/** Ids no other test uses: all tests share one server. */
const run = crypto.randomUUID().slice(0, 8);
let serial = 0;
const fresh = (name: string) => `${name}-${run}-${++serial}`;

function phone(userId: string, change: Partial<SyncEngineOptions> = {}) {
  const db = openDatabase(`ngo-so-it-${crypto.randomUUID()}`);
  dbs.push(db);
  const sync = createSyncEngine({ db, baseUrl: server?.url ?? '', token: 'ngo-so-demo', userId, sleep: async () => {}, ...change });
  return { db, sync, userId };
}

type Phone = ReturnType<typeof phone>;

const household = (id: string, change: Partial<Household> = {}): Household => ({
  ...newHousehold({ id, communeCode: DEMO_COMMUNE_CODE, hamletCode: HAMLET, createdAt: T0 }),
  headName: `Chủ hộ ${id}`,
  ...change,
});
const person = (id: string, householdId: string, change: Partial<Person> = {}): Person => ({
  ...newPerson({ id, householdId, name: `Người ${id}`, birthYear: 1980, consent: { givenBy: 'self', givenAt: T0, recordedBy: 'Tổ', textVersion: 'v1' }, updatedAt: T0 }),
  ...change,
});

async function record(p: Phone, h: Household, people: Person[], now = T0, notes = ''): Promise<void> {
  await saveHousehold(p.db, { household: h, people, visitId: fresh('v'), visitor: p.userId, notes, now });
}

async function edit(p: Phone, householdId: string, change: (r: { household: Household; people: Person[] }) => { household: Household; people: Person[] }, now: string): Promise<void> {
  const current = await getHousehold(p.db, householdId);
  if (current === undefined) throw new Error(`${householdId} is not on this phone`);
  await record(p, change(current).household, change(current).people, now);
}

function appliedOnServer(ids: readonly string[]): number[] {
  const sqlite = new Database(join(tmp, 'data', DATABASE_FILE), { readonly: true });
  try {
    const count = sqlite.prepare("SELECT COUNT(*) AS n FROM mutations WHERE id = ? AND status = 'applied'");
    return ids.map((id) => (count.get(id) as { n: number }).n);
  } finally {
    sqlite.close();
  }
}

describe('two phones through the real server', () => {
  it('each sees the other\'s households, people and visits, with who changed them', async () => {
    const lan = phone('Chị Lan');
    const tu = phone('Anh Tú');
    const [h1, h2] = [fresh('h'), fresh('h')];
    await record(lan, household(h1), [person(fresh('p'), h1)]);
    await record(tu, household(h2, { fiber: true }), [person(fresh('p'), h2, { vneid: 'l1_active' })], T0, 'Hẹn quay lại');

    expect(await lan.sync.syncNow()).toMatchObject({ ok: true, confirmed: 3, rejected: 0 });
    expect(await tu.sync.syncNow()).toMatchObject({ ok: true, confirmed: 3, rejected: 0 });
    expect(await lan.sync.syncNow()).toMatchObject({ ok: true, pending: 0 });

    expect((await getHousehold(lan.db, h2))?.household.fiber).toBe(true);
    expect((await getHousehold(lan.db, h2))?.people[0]?.vneid).toBe('l1_active');
    expect((await listVisits(lan.db, h2)).map((v) => v.notes)).toEqual(['Hẹn quay lại']);
    expect((await householdAuthors(lan.db, h2)).household).toBe('Anh Tú');
    expect((await getHousehold(tu.db, h1))?.people).toHaveLength(1);
    expect(await householdSyncStatus(lan.db, [h1, h2])).toEqual(new Map([[h1, { state: 'confirmed' }], [h2, { state: 'confirmed' }]]));
    expect(await confirmedCount(lan.db)).toBe(3);
  });

  it('applies every change exactly once when answers are lost and requests are sent again', async () => {
    let pushes = 0;
    const losing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      // Every other push reaches the server, is applied, and its answer is lost.
      if (String(input).endsWith('/api/sync/push') && ++pushes % 2 === 1) throw new TypeError('connection reset');
      return response;
    };
    const lan = phone('Chị Lan', { fetch: losing });
    const ids = Array.from({ length: 40 }, () => fresh('h'));
    for (const id of ids) await record(lan, household(id), [person(fresh('p'), id)], T0, 'x'.repeat(300));
    const sent = (await pendingInOrder(lan.db, 1000)).map((r) => r.id);
    expect(sent).toHaveLength(120);

    const report = await lan.sync.syncNow();
    expect(report).toMatchObject({ ok: true, confirmed: 120, pending: 0 });
    expect(pushes).toBeGreaterThan(1);
    expect(appliedOnServer(sent).every((n) => n === 1)).toBe(true);

    const tu = phone('Anh Tú');
    await tu.sync.syncNow();
    const seen = await Promise.all(ids.map((id) => getHousehold(tu.db, id)));
    expect(seen.every((r) => r?.people.length === 1)).toBe(true);
  });

  it('merges two phones\' offline edits of one person field by field; a stale phone cannot undo progress', async () => {
    const lan = phone('Chị Lan');
    const tu = phone('Anh Tú');
    const [h, p] = [fresh('h'), fresh('p')];
    await record(lan, household(h), [person(p, h)]);
    await lan.sync.syncNow();
    await tu.sync.syncNow();

    // Both offline: Lan records VNeID level 2; Tú, later but not knowing it, level 1 and a bank account.
    await edit(lan, h, (r) => ({ ...r, people: r.people.map((x) => ({ ...x, vneid: 'l2_active' })) }), '2026-11-21T08:00:00.000Z');
    await edit(tu, h, (r) => ({ ...r, people: r.people.map((x) => ({ ...x, vneid: 'l1_active', payment: 'bank' })) }), '2026-11-22T08:00:00.000Z');
    await tu.sync.syncNow();
    await lan.sync.syncNow();
    await tu.sync.syncNow();

    for (const ph of [lan, tu]) {
      const [x] = (await getHousehold(ph.db, h))?.people ?? [];
      expect([x?.vneid, x?.payment]).toEqual(['l2_active', 'bank']);
    }
  });

  it('a correction made on one phone moves a status back on the other', async () => {
    const lan = phone('Chị Lan');
    const tu = phone('Anh Tú');
    const [h, p] = [fresh('h'), fresh('p')];
    await record(lan, household(h), [person(p, h, { vneid: 'l2_active' })]);
    await lan.sync.syncNow();
    await tu.sync.syncNow();
    await edit(tu, h, (r) => ({ ...r, people: r.people.map((x) => ({ ...x, vneid: 'none' })) }), '2026-11-21T08:00:00.000Z');
    await tu.sync.syncNow();
    await lan.sync.syncNow();
    expect((await getHousehold(lan.db, h))?.people[0]?.vneid).toBe('none');
  });

  it('a person who withdrew consent on one phone disappears from the other, visits included', async () => {
    const lan = phone('Chị Lan');
    const tu = phone('Anh Tú');
    const [h, a, b] = [fresh('h'), fresh('p'), fresh('p')];
    await record(lan, household(h), [person(a, h), person(b, h, { name: 'Trần Thị Bích' })]);
    await lan.sync.syncNow();
    await tu.sync.syncNow();
    expect((await getHousehold(tu.db, h))?.people).toHaveLength(2);

    await withdrawConsent(lan.db, { personId: b, visitId: fresh('v'), visitor: 'Chị Lan', now: '2026-11-21T08:00:00.000Z' });
    await lan.sync.syncNow();
    await tu.sync.syncNow();
    expect((await getHousehold(tu.db, h))?.people.map((x) => x.id)).toEqual([a]);
    expect(JSON.stringify(await tu.db.visits.toArray())).not.toContain(b);
    expect(JSON.stringify(await tu.db.visits.toArray())).not.toContain('Bích');
  });

  it('a withdrawal right after a visit naming the person reached the server with its answer lost: nothing is refused', async () => {
    let lose = true;
    const losing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (lose && String(input).endsWith('/api/sync/push')) {
        lose = false;
        throw new TypeError('connection reset');
      }
      return response;
    };
    const lan = phone('Chị Lan', { fetch: losing, retry: { maxTries: 1 } });
    const [h, a, b] = [fresh('h'), fresh('p'), fresh('p')];
    await record(lan, household(h), [person(a, h), person(b, h)]);
    expect(await lan.sync.syncNow()).toMatchObject({ ok: false, pending: 4 });
    await withdrawConsent(lan.db, { personId: b, visitId: fresh('v'), visitor: 'Chị Lan', now: '2026-11-21T08:00:00.000Z' });
    expect(await lan.sync.syncNow()).toMatchObject({ ok: true, rejected: 0, pending: 0 });

    const tu = phone('Anh Tú');
    await tu.sync.syncNow();
    expect((await getHousehold(tu.db, h))?.people.map((x) => x.id)).toEqual([a]);
    expect(JSON.stringify(await tu.db.visits.toArray())).not.toContain(b);
  });

  it('sets aside a change the server refuses, with its reason, while the rest arrives', async () => {
    const lan = phone('Chị Lan');
    const [ok, outside] = [fresh('h'), fresh('h')];
    await record(lan, household(ok), []);
    await record(lan, household(outside, { communeCode: 'XA-KHAC' }), []);
    const report = await lan.sync.syncNow();
    expect(report).toMatchObject({ ok: true, confirmed: 2, rejected: 2 });
    const status = await householdSyncStatus(lan.db, [ok, outside]);
    expect(status.get(ok)).toEqual({ state: 'confirmed' });
    expect(status.get(outside)).toEqual({ state: 'rejected', reasons: ['Bản ghi thuộc xã XA-KHAC, ngoài phạm vi của tài khoản này'] });
  });

  it('measures the phone\'s clock against the server\'s, however wrong the phone\'s date', async () => {
    const yearMs = 365 * 86_400_000;
    const lan = phone('Chị Lan', { now: () => Date.now() - yearMs });
    await lan.sync.syncNow();
    const offset = (await readSyncState(lan.db))?.clockOffsetMs ?? 0;
    expect(Math.abs(offset - yearMs)).toBeLessThan(5_000);
  });

  it('resumes where it stopped when the server goes away mid-sync and comes back', async () => {
    const dataDir = join(tmp, 'restarting');
    let own = await startServer({ port: 0, host: '127.0.0.1', distDir: join(tmp, 'dist'), dataDir });
    let pushes = 0;
    const stopping: typeof fetch = async (input, init) => {
      // A push after the first answers finds the server gone (a power cut at the commune office).
      if (String(input).endsWith('/api/sync/push') && ++pushes === IN_FLIGHT + 2) await own.close();
      return fetch(input, init);
    };
    const db = openDatabase(`ngo-so-it-${crypto.randomUUID()}`);
    dbs.push(db);
    const ids = Array.from({ length: 30 }, () => fresh('h'));
    for (const id of ids) await saveHousehold(db, { household: household(id), people: [person(fresh('p'), id)], visitId: fresh('v'), visitor: 'Chị Lan', notes: 'y'.repeat(400), now: T0 });
    const sent = (await pendingInOrder(db, 1000)).map((r) => r.id);
    await db.syncState.update('sync', { pushTargetBytes: 8 * 1024 });

    const cut = await createSyncEngine({ db, baseUrl: own.url, token: 'ngo-so-demo', userId: 'Chị Lan', fetch: stopping, sleep: async () => {}, retry: { maxTries: 2 } }).syncNow();
    expect(cut).toMatchObject({ ok: false, error: 'Không kết nối được máy chủ. Dữ liệu vẫn nằm an toàn trên máy và sẽ được gửi khi có mạng.' });
    expect(cut.confirmed).toBeGreaterThan(0);
    expect(cut.pending).toBe(sent.length - cut.confirmed);

    own = await startServer({ port: 0, host: '127.0.0.1', distDir: join(tmp, 'dist'), dataDir });
    try {
      const resumed = await createSyncEngine({ db, baseUrl: own.url, token: 'ngo-so-demo', userId: 'Chị Lan', sleep: async () => {} }).syncNow();
      expect(resumed).toMatchObject({ ok: true, confirmed: sent.length - cut.confirmed, pending: 0 });
      const sqlite = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
      const applied = sqlite.prepare("SELECT COUNT(*) AS n FROM mutations WHERE status = 'applied'").get() as { n: number };
      sqlite.close();
      expect(applied.n).toBe(sent.length);
    } finally {
      await own.close();
    }
  });

  it('says in plain words when the token is wrong, and keeps everything', async () => {
    const lan = phone('Chị Lan', { token: 'sai-ma' });
    await record(lan, household(fresh('h')), []);
    const report = await lan.sync.syncNow();
    expect(report).toMatchObject({ ok: false, error: SYNC_MESSAGES.auth, pending: 2 });
    expect(report.revoked).toBeUndefined();
  });

  it('signs in with a demo account, syncs with its device token, and hears distinctly once the token is revoked', async () => {
    const api = { baseUrl: server?.url ?? '' };
    const signedIn = await signIn(api, { username: 'demo.member', password: 'demo-ngo-so', deviceName: 'Điện thoại thử' });
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.failure.kind}`);
    const { token, account } = signedIn.value;
    expect(account).toMatchObject({ username: 'demo.member', role: 'member', communeCode: DEMO_COMMUNE_CODE });
    expect(await fetchMe(api, token)).toEqual({ ok: true, value: account });
    const areas = await fetchAreas(api, token);
    expect(areas.ok && areas.value.map((a) => a.code)).toEqual(expect.arrayContaining([DEMO_COMMUNE_CODE, HAMLET]));

    const tuan = phone(account.displayName, { token });
    await record(tuan, household(fresh('h')), []);
    expect(await tuan.sync.syncNow()).toMatchObject({ ok: true, confirmed: 2 });

    expect(await signOut(api, token)).toEqual({ ok: true, value: null });
    await record(tuan, household(fresh('h')), []);
    expect(await tuan.sync.syncNow()).toMatchObject({ ok: false, revoked: true, error: SYNC_MESSAGES.revoked, pending: 2 });
    expect(await fetchMe(api, token)).toEqual({ ok: false, failure: { kind: 'revoked' } });
    expect(await fetchAreas(api, token)).toEqual({ ok: false, failure: { kind: 'revoked' } });
  });
});
