import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newHousehold, type Household } from '../domain/household';
import { newPerson, type Person } from '../domain/person';
import type { Visit } from '../domain/visit';
import { SCHEMA_V1, openDatabase, type NgoSoDb } from './database';
import { getHousehold, listVisits, searchHouseholds } from './households';

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
    expect(db.verno).toBe(2);
  });

  it('creates a fresh database at the latest version with every table', async () => {
    db = openDatabase(`ngo-so-fresh-${crypto.randomUUID()}`);
    await db.open();
    expect([db.verno, db.tables.map((t) => t.name).sort()]).toEqual([2, ['areas', 'households', 'people', 'visits']]);
    expect(db.households.schema.idxByName.searchWords?.multi).toBe(true);
  });
});
