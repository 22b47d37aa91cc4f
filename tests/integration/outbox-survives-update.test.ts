// "A new version of the app must never strand unsent records: an update that changes the local
// schema migrates the outbox with everything else" (issue 3). Phones left by older versions —
// written row by row as those versions stored them (tests/fixtures/older-phones.ts) — are opened
// by today's code, with the old page still holding the database, and sync to the real server
// and its SQLite file: everything waiting arrives, exactly once.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type NgoSoDb, type OutboxRow } from '../../src/db/database';
import { confirmedCount, householdSyncStatus } from '../../src/db/outbox-status';
import { DEVICE_HEADER, USER_HEADER, type PushResponse } from '../../src/domain/sync-protocol';
import { startServer, type RunningServer } from '../../src/server/main';
import { DATABASE_FILE } from '../../src/server/sync/sqlite-store';
import { olderApp, V2_RECORDS, V3_DEVICE, V3_PHONE } from '../fixtures/older-phones';
import { freshPhone, phoneOn, phoneRecords, serverContents, syncUntilSent, type PhoneRecords } from '../support/phones';

// A server with an empty file for each test, so what it holds afterwards is that test's alone.
let tmp = '';
let server: RunningServer | undefined;
const serverFile = () => join(tmp, 'data', DATABASE_FILE);

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ngo-so-update-'));
  server = await startServer({ port: 0, host: '127.0.0.1', distDir: join(tmp, 'dist'), dataDir: join(tmp, 'data'), syncCommune: 'X1' });
});
afterEach(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

const baseUrl = () => server?.url ?? '';
const engineOptions = () => ({ baseUrl: baseUrl(), sleep: async () => {} });

/** The records as the server sends them back: without what only a phone keeps (its search index, who edited). */
function content(records: PhoneRecords, householdIds: readonly string[]): unknown {
  const mine = new Set(householdIds);
  return {
    households: records.households.filter((h) => mine.has(h.id)).map(({ searchWords: _w, updatedBy: _b, ...h }) => h),
    people: records.people.filter((p) => mine.has(p.householdId)).map(({ updatedBy: _b, ...p }) => p),
    visits: records.visits.filter((v) => mine.has(v.householdId)),
  };
}

const sortedById = <T extends { id: string }>(rows: readonly T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
const withoutIndex = (rows: readonly Record<string, unknown>[]) => rows.map(({ searchWords: _w, updatedBy: _b, ...row }) => row);

describe('an update of the app with records still waiting to be sent', () => {
  it('sends the records saved under version 2, before sync existed, exactly once', async () => {
    const name = `ngo-so-v2-${crypto.randomUUID()}`;
    const old = olderApp(name, 2);
    await old.table('households').bulkAdd(V2_RECORDS.households);
    await old.table('people').bulkAdd(V2_RECORDS.people);
    await old.table('visits').bulkAdd(V2_RECORDS.visits);

    // The new version opens the database while the old page still holds it.
    const db: NgoSoDb = openDatabase(name);
    await db.open();
    expect(old.isOpen()).toBe(false);
    const waiting = await db.outbox.toArray();
    const records = V2_RECORDS.households.length + V2_RECORDS.people.length + V2_RECORDS.visits.length;
    expect(waiting.map((r) => r.status)).toEqual(Array<string>(records).fill('pending'));

    const lan = phoneOn(db, 'Chị Lan', engineOptions());
    await syncUntilSent(lan, 3);
    expect(lan.reports[0]).toMatchObject({ ok: true, confirmed: records, rejected: 0, pending: 0 });
    expect(await confirmedCount(db)).toBe(records);
    await syncUntilSent(lan, 3);

    const stored = serverContents(serverFile());
    expect([...stored.applied].sort()).toEqual(waiting.map((r) => r.id).sort());
    expect(stored.rejected.size).toBe(0);
    expect([...stored.records.household.keys()].sort()).toEqual(['v2-h1', 'v2-h2', 'v2-h3']);
    expect([...stored.records.person.keys()].sort()).toEqual(['v2-p1', 'v2-p2', 'v2-p3', 'v2-p4', 'v2-p5']);
    expect([...stored.records.visit.keys()].sort()).toEqual(['v2-v1', 'v2-v2', 'v2-v3', 'v2-v4']);

    // Another phone pulls them as version 2 stored them.
    const tu = freshPhone('Anh Tú', engineOptions());
    await syncUntilSent(tu, 3);
    const pulled = content(await phoneRecords(tu.db), ['v2-h1', 'v2-h2', 'v2-h3']);
    expect(pulled).toEqual({
      households: withoutIndex(sortedById(V2_RECORDS.households)),
      people: withoutIndex(sortedById(V2_RECORDS.people)),
      visits: sortedById(V2_RECORDS.visits),
    });
    old.close();
    await Promise.all([db.delete(), tu.db.delete()]);
  });

  it('keeps the outbox written by version 3 — pending, refused, and sent with its answer lost — and sends what waits, exactly once', async () => {
    // Before the update, one push of this phone reached the server and its answer was lost.
    const lost = V3_PHONE.outbox.filter((r) => V3_PHONE.answerLost.includes(r.id)).map((r) => r.mutation);
    const early = await fetch(`${baseUrl().replace(/\/$/, '')}/api/sync/push`, {
      method: 'POST',
      headers: { Authorization: 'Bearer ngo-so-demo', 'Content-Type': 'application/json', [DEVICE_HEADER]: V3_DEVICE, [USER_HEADER]: encodeURIComponent('Chị Lan') },
      body: JSON.stringify({ mutations: lost }),
    });
    expect(((await early.json()) as PushResponse).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);

    const name = `ngo-so-v3-${crypto.randomUUID()}`;
    const old = olderApp(name, 3);
    await old.table('households').bulkAdd(V3_PHONE.households);
    await old.table('people').bulkAdd(V3_PHONE.people);
    await old.table('visits').bulkAdd(V3_PHONE.visits);
    await old.table('outbox').bulkAdd(V3_PHONE.outbox);
    await old.table('syncState').add(V3_PHONE.syncState);

    const db: NgoSoDb = openDatabase(name);
    const kept = await db.outbox.toArray();
    expect(sortedById(kept)).toEqual(sortedById(V3_PHONE.outbox));
    const pending = kept.filter((r: OutboxRow) => r.status === 'pending').map((r) => r.id);

    const lan = phoneOn(db, 'Chị Lan', engineOptions());
    await syncUntilSent(lan, 3);
    expect(lan.reports[0]).toMatchObject({ ok: true, confirmed: pending.length, rejected: 0, pending: 0 });
    expect(await confirmedCount(db)).toBe(V3_PHONE.syncState.confirmedCount + pending.length);
    // The refused household stays set aside with the server's reason, for the person to correct.
    expect((await db.outbox.toArray()).map((r) => [r.id, r.status, r.reason])).toEqual(V3_PHONE.rejected.map((id) => [id, 'rejected', V3_PHONE.outsideReason]));
    expect(await householdSyncStatus(db, ['v3-h1', 'v3-h2', 'v3-h3'])).toEqual(
      new Map([
        ['v3-h1', { state: 'confirmed' }],
        ['v3-h2', { state: 'confirmed' }],
        ['v3-h3', { state: 'rejected', reasons: [V3_PHONE.outsideReason] }],
      ]),
    );

    const stored = serverContents(serverFile());
    expect([...stored.applied].sort()).toEqual([...pending].sort());
    expect(stored.rejected.size).toBe(0);
    expect([...stored.records.household.keys()].sort()).toEqual(['v3-h1', 'v3-h2']);
    expect([...stored.records.person.keys()].sort()).toEqual(['v3-p1', 'v3-p2', 'v3-p3']);
    expect([...stored.records.visit.keys()].sort()).toEqual(['v3-v1', 'v3-v2']);

    const tu = freshPhone('Anh Tú', engineOptions());
    await syncUntilSent(tu, 3);
    const sent = (rows: readonly { id: string }[]) => sortedById(rows.filter((r) => !r.id.startsWith('v3-h3') && r.id !== 'v3-v3'));
    expect(content(await phoneRecords(tu.db), ['v3-h1', 'v3-h2'])).toEqual({
      households: withoutIndex(sent(V3_PHONE.households)),
      people: withoutIndex(sent(V3_PHONE.people)),
      visits: sent(V3_PHONE.visits),
    });
    old.close();
    await Promise.all([db.delete(), tu.db.delete()]);
  });
});
