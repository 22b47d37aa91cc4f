// Real outboxes, made by the app's own saves, go through push version 2 and come back exactly
// as version 1 carries them: new households, edits, corrections, withdrawals that scrub unsent
// visits, refused changes queued again under new ids. The codec's own tests: push-wire.test.ts.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type NgoSoDb } from '../db/database';
import { saveHousehold, withdrawConsent } from '../db/households';
import { retryRejected } from '../db/outbox';
import { decodePush, encodePush } from '../domain/push-wire';
import type { Mutation } from '../domain/sync-protocol';
import { household, person } from './testing/bench';

const dbs: NgoSoDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 8, minute)).toISOString();

async function outbox(db: NgoSoDb): Promise<Mutation[]> {
  const rows = await db.outbox.toArray();
  return rows.sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0)).map((r) => r.mutation);
}

function roundTrip(mutations: readonly Mutation[]): unknown[] {
  const decoded = decodePush(JSON.parse(JSON.stringify(encodePush(mutations))), 2 * 1024 * 1024);
  if (!decoded.ok) throw new Error(decoded.error);
  return JSON.parse(JSON.stringify(decoded.mutations)) as unknown[];
}

describe('push version 2 over real outboxes', () => {
  it('gives back every mutation saveHousehold, withdrawConsent and retryRejected queue, whole or in any batch', async () => {
    const db = openDatabase(`ngo-so-push-wire-${crypto.randomUUID()}`);
    dbs.push(db);
    const save = (h: ReturnType<typeof household>, people: ReturnType<typeof person>[], minute: number, notes = '') =>
      saveHousehold(db, { household: h, people, visitId: `v${minute}`, visitor: 'Lò Thị Mây', notes, now: at(minute) });

    // New households of several people, in two hamlets.
    for (let i = 0; i < 4; i++) {
      const id = `h${i}`;
      await save(household(id, { hamletCode: i % 2 === 0 ? 'T1' : 'T2', fiber: i % 2 === 0 }), [0, 1, 2].map((k) => person(`${id}-p${k}`, id, { skills: k === 0 ? ['payment'] : [] })), i);
    }
    // An edit, then a correction (a VNeID status moved back: a mistake fixed).
    await save(household('h0', { headName: 'Chủ hộ mới', fiber: true }), [person('h0-p0', 'h0', { vneid: 'l2_active', skills: ['payment'] })], 10, 'Đã sửa');
    await save(household('h0', { headName: 'Chủ hộ mới', fiber: true }), [person('h0-p0', 'h0', { vneid: 'none', skills: ['payment'] })], 11);
    // A withdrawal: the person's unsent upserts leave the outbox, unsent visits are scrubbed and stamped again.
    await withdrawConsent(db, { personId: 'h1-p1', visitId: 'v-withdraw', visitor: 'Lò Thị Mây', now: at(12) });
    // Refused changes queued again: new random ids, not stamps.
    const h2 = await db.outbox.where('householdId').equals('h2').toArray();
    for (const row of h2) await db.outbox.update(row.id, { status: 'rejected', reason: 'thử' });
    expect(await retryRejected(db, 'h2')).toBeGreaterThan(0);

    const mutations = await outbox(db);
    expect(mutations.some((m) => m.correction === true)).toBe(true);
    expect(mutations.some((m) => m.op === 'delete')).toBe(true);
    expect(mutations.some((m) => m.id !== m.stamp)).toBe(true);
    const expected = JSON.parse(JSON.stringify(mutations)) as unknown[];
    expect(roundTrip(mutations)).toEqual(expected);
    for (let start = 0; start < mutations.length; start++) {
      for (const size of [1, 2, 5, 13]) expect(roundTrip(mutations.slice(start, start + size))).toEqual(expected.slice(start, start + size));
    }
  });
});
