import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { T1, testHousehold as household, testPerson as person } from '../../tests/fixtures/records';
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import { openDatabase, type NgoSoDb } from './database';
import { saveHousehold } from './households';
import { findHouseholds, firstSearchRows, nextRead, searchHouseholds } from './search';

let db: NgoSoDb;
const save = (h: Household, people: Person[], visitId: string) => saveHousehold(db, { household: h, people, visitId, visitor: 'Lò Văn Tổ', notes: '', now: T1 });
beforeEach(async () => {
  db = openDatabase(`ngo-so-test-${crypto.randomUUID()}`);
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

describe('firstSearchRows', () => {
  it.each(['nguyen', 'nguyen van', 'bi binh', 'd dang hoa', 'ngu xuan', '12', ''])('%j finds what findHouseholds finds, read without Dexie', async (query) => {
    const first = await firstSearchRows(db, query, 20, 1);
    expect(first.matches.map((h) => h.id)).toEqual((await findHouseholds(db, query, 20)).map((h) => h.id));
    expect(first.records.map((r) => r.household.id)).toEqual(first.matches.slice(0, 1).map((h) => h.id));
  });

  it('gives the drawn rows their people by name, as the screen shows them, and only theirs', async () => {
    const first = await firstSearchRows(db, 'nguyen', 20, 2);
    expect(first.records).toEqual(await searchHouseholds(db, 'nguyen', 2));
    expect(first.records.map((r) => r.people.map((p) => p.name))).toEqual([['Nguyễn Văn Bình'], ['Nguyễn Văn A', 'Trần Thị Bích']]);
    expect((await firstSearchRows(db, 'nguyen', 20, 0)).records).toEqual([]);
  });

  it('reads on past the first rows when the words seldom meet, as findHouseholds does', async () => {
    // "van" and "be" start a word in as many households; the one with both is filed last under "van".
    for (let i = 0; i < 30; i++) {
      await save(household(`v${String(i).padStart(2, '0')}`, { headName: 'Lò Văn Tư' }), [], `vv${i}`);
      await save(household(`b${String(i).padStart(2, '0')}`, { headName: 'Lò Thị Bé' }), [], `vb${i}`);
    }
    await save(household('z', { headName: 'Lò Văn Bé' }), [], 'vz');
    expect((await firstSearchRows(db, 'van be', 5, 5)).matches.map((h) => h.id)).toEqual(['z']);
    expect((await findHouseholds(db, 'van be', 5)).map((h) => h.id)).toEqual(['z']);
  });
});

describe('nextRead', () => {
  it('reads as many as the share that matched promises, a quarter more, when too few matched', () => {
    // 45 of 204 matched: 51 need ~231 rows, a quarter more is 289 (not 816, four times as many).
    expect(nextRead(204, 45, 51)).toBe(289);
    expect(nextRead(100, 10, 20)).toBe(250);
  });

  it('reads four times as many when none matched, and always more than before', () => {
    expect(nextRead(204, 0, 51)).toBe(816);
    expect(nextRead(10, 10, 10)).toBe(13);
    expect(nextRead(10, 50, 10)).toBe(11);
  });
});

describe('the words counted', () => {
  const counting = () => vi.spyOn(IDBIndex.prototype, 'count');
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('are counted once while the households are unchanged, by either read', async () => {
    const count = counting();
    await findHouseholds(db, 'nguyen van', 20);
    expect(count).toHaveBeenCalled();
    count.mockClear();
    expect((await firstSearchRows(db, 'van nguyen', 20, 1)).matches.map((h) => h.id)).toEqual(['h2', 'h1']);
    expect((await findHouseholds(db, 'nguyen van', 20)).map((h) => h.id)).toEqual(['h2', 'h1']);
    expect(count).not.toHaveBeenCalled();
  });

  it('are counted again after a household is saved, and a word nothing started with finds it once saved', async () => {
    expect(await findHouseholds(db, 'nguyen xuan', 20)).toEqual([]);
    await save(household('h4', { houseNumber: '7', headName: 'Nguyễn Xuân Lộc' }), [person('e', 'h4', 'Nguyễn Xuân Lộc')], 'v4');
    const count = counting();
    expect((await findHouseholds(db, 'nguyen xuan', 20)).map((h) => h.id)).toEqual(['h4']);
    expect((await firstSearchRows(db, 'xuan nguyen', 20, 1)).matches.map((h) => h.id)).toEqual(['h4']);
    expect(count).toHaveBeenCalled();
  });
});
