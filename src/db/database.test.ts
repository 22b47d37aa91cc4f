import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newHousehold, type Household } from '../domain/household';
import { newPerson, type Person } from '../domain/person';
import type { Visit } from '../domain/visit';
import { Mutation, mutationProblem } from '../domain/sync-protocol';
import { SCHEMA_V1, SCHEMA_V2, openDatabase, type NgoSoDb } from './database';
import { getHousehold, listVisits } from './households';
import { searchHouseholds } from './search';
import { pendingInOrder } from './outbox';
import { readSyncState } from './sync-state';

const household: Household = {
  ...newHousehold({ id: 'h1', communeCode: 'X1', hamletCode: 'T1', createdAt: '2025-06-01' }),
  houseNumber: '7',
  headName: 'Hoàng Văn Minh',
  phone: '0912345678',
};
const member: Person = newPerson({
  id: 'p1',
  householdId: 'h1',
  name: 'Nguyễn Thị Lụa',
  birthYear: 1988,
  consent: { givenBy: 'self', givenAt: '2025-06-01', recordedBy: 'Tổ', textVersion: 'v1' },
  updatedAt: '2025-06-01',
});
const visit: Visit = { id: 'v1', householdId: 'h1', visitedAt: '2025-06-01', visitor: 'Tổ', changes: [], personIds: [], notes: 'lần đầu' };

let db: NgoSoDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('openDatabase', () => {
  it('migrates a version-1 database: data kept, search index built from names, house number and phone', async () => {
    const name = `ngo-so-v1-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('households').put(household);
    await v1.table('people').bulkPut([member, { ...member, id: 'p2', name: 'Hoàng Văn Minh', birthYear: 1985 }]);
    await v1.table('visits').put(visit);
    v1.close();

    db = openDatabase(name);
    const ids = async (query: string) => (await searchHouseholds(db as NgoSoDb, query)).map((r) => r.household.id);
    expect(await ids('nguyen thi lua')).toEqual(['h1']);
    expect(await ids('hoang minh')).toEqual(['h1']);
    expect(await ids('0912')).toEqual(['h1']);
    expect(await ids('7')).toEqual(['h1']);
    expect(await getHousehold(db, 'h1')).toEqual({ household, people: [{ ...member, id: 'p2', name: 'Hoàng Văn Minh', birthYear: 1985 }, member] });
    expect(await listVisits(db, 'h1')).toEqual([visit]);
    expect(db.verno).toBe(6);
    expect((await pendingInOrder(db, 10)).map((r) => r.entityId).sort()).toEqual(['h1', 'p1', 'p2', 'v1']);
  });

  it('creates a fresh database at the latest version with every table', async () => {
    db = openDatabase(`ngo-so-fresh-${crypto.randomUUID()}`);
    await db.open();
    expect([db.verno, db.tables.map((t) => t.name).sort()]).toEqual([
      6,
      ['areas', 'followUpOrder', 'followUpRank', 'followUps', 'householdFacts', 'households', 'outbox', 'people', 'syncState', 'tallies', 'tallyBasis', 'tallyDirty', 'visits'],
    ]);
    expect(db.followUps.schema.idxByName.keys?.multi).toBe(true);
    expect(db.households.schema.idxByName.searchWords?.multi).toBe(true);
    expect(db.visits.schema.idxByName.personIds?.multi).toBe(true);
    expect(await db.outbox.count()).toBe(0);
  });

  it('migrates a version-2 database: every record already on the phone waits in the outbox, oldest first', async () => {
    const name = `ngo-so-v2-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    const p2 = { ...member, id: 'p2', name: 'Hoàng Văn Minh', birthYear: 1985, updatedAt: '2025-06-02' };
    await v2.table('households').put({ ...household, searchWords: ['hoang', 'van', 'minh', '7'] });
    await v2.table('people').bulkPut([member, p2]);
    await v2.table('visits').put({ ...visit, personIds: ['p1'], visitedAt: '2025-06-03' });
    v2.close();

    db = openDatabase(name);
    const rows = await pendingInOrder(db, 100);
    expect(rows.map((r) => [r.mutation.entity, r.entityId, r.status, r.householdId])).toEqual([
      ['household', 'h1', 'pending', 'h1'],
      ['person', 'p1', 'pending', 'h1'],
      ['person', 'p2', 'pending', 'h1'],
      ['visit', 'v1', 'pending', 'h1'],
    ]);
    const [h, p1] = rows.map((r) => r.mutation);
    const { id: _h, ...householdFields } = household;
    const { id: _p, ...personFields } = member;
    expect(h).toMatchObject({ op: 'upsert', communeCode: 'X1', hamletCode: 'T1', fields: householdFields, madeAt: '2025-06-01' });
    expect(p1?.fields).toEqual(personFields);
    for (const row of rows) {
      expect(Mutation.safeParse(row.mutation).success).toBe(true);
      expect(mutationProblem(row.mutation)).toBeUndefined();
      expect(row.bytes).toBe(new TextEncoder().encode(JSON.stringify(row.mutation)).length);
    }
    const stamps = rows.map((r) => r.stamp);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(4);
    const state = await readSyncState(db);
    expect(state?.lastStamp).toBe(stamps[3]);
    expect(stamps.every((s) => s.endsWith(`-${state?.deviceId ?? '?'}`))).toBe(true);
    expect((await db.visits.where('personIds').equals('p1').toArray()).map((v) => v.id)).toEqual(['v1']);
    expect((await getHousehold(db, 'h1'))?.people.map((p) => p.id)).toEqual(['p2', 'p1']);
  });
});
