import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T1, testHousehold as household, testPerson as person } from '../../tests/fixtures/records';
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import { openDatabase, type NgoSoDb } from './database';
import { saveHousehold } from './households';
import { findHouseholds, searchHouseholds } from './search';

let db: NgoSoDb;
beforeEach(async () => {
  db = openDatabase(`ngo-so-test-${crypto.randomUUID()}`);
  const save = (h: Household, people: Person[], visitId: string) => saveHousehold(db, { household: h, people, visitId, visitor: 'Lò Văn Tổ', notes: '', now: T1 });
  await save(household('h1', { houseNumber: '12', headName: 'Nguyễn Văn A' }), [person('a', 'h1', 'Nguyễn Văn A'), person('b', 'h1', 'Trần Thị Bích')], 'v1');
  await save(household('h2', { houseNumber: '3', headName: 'Nguyễn Văn Bình' }), [person('c', 'h2', 'Nguyễn Văn Bình')], 'v2');
  await save(household('h3', { houseNumber: '120', headName: 'Đặng Thị Hoa' }), [person('d', 'h3', 'Đặng Thị Hoa')], 'v3');
});
afterEach(async () => {
  await db.delete();
});

describe('findHouseholds', () => {
  // A word that starts another word of the query is matched, never scanned: "bi" alone would find h1's "Bích" too.
  it.each([
    ['ngu nguyen', ['h2', 'h1']],
    ['nguyen nguyen', ['h2', 'h1']],
    ['bi binh', ['h2']],
    ['binh bi', ['h2']],
    ['bi', ['h2', 'h1']],
    ['ngu xuan', []],
    ['d dang hoa', ['h3']],
  ])('%j → %j, by address', async (query, ids) => {
    expect((await findHouseholds(db, query, 20)).map((h) => h.id)).toEqual(ids);
    expect((await searchHouseholds(db, query)).map((r) => r.household.id)).toEqual(ids);
  });

  it('reads no people: the screen reads those of the rows it draws', async () => {
    const [found] = await findHouseholds(db, 'hoa', 20);
    expect(found?.id).toBe('h3');
    expect(found && 'people' in found).toBe(false);
    expect(await findHouseholds(db, 'nguyen', 1)).toHaveLength(1);
    expect(await findHouseholds(db, 'nguyen', 0)).toEqual([]);
  });
});
