import 'fake-indexeddb/auto';
import { Dexie, liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { T0, T1, T2, testHousehold, testPerson } from '../../tests/fixtures/records';
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import { openDatabase, type NgoSoDb } from './database';
import { readSaveBasis, rehearseNewHousehold, saveNewHousehold } from './first-save';
import { getHousehold, listHamletHouseholds, listVisits, saveHousehold, withdrawConsent } from './households';
import { searchHouseholds } from './search';
import { freshSyncState, SYNC_STATE_KEY } from './sync-state';


const household = testHousehold;

const person = testPerson;

let db: NgoSoDb;
beforeEach(() => {
  db = openDatabase(`ngo-so-test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const save = (h: Household, people: Person[], visitId: string, now = T1, notes = '') =>
  saveHousehold(db, { household: h, people, visitId, visitor: 'Lò Văn Tổ', notes, now });

describe('saveHousehold', () => {
  it('writes the household and its people, and logs a visit with what changed', async () => {
    const h = household('h1', { headName: 'Nguyễn Văn A', fiber: true });
    const visit = await save(h, [person('p1', 'h1', 'Nguyễn Văn A', { phone: 'smartphone' })], 'v1');
    expect(visit).toEqual({
      id: 'v1',
      householdId: 'h1',
      visitedAt: T1,
      visitor: 'Lò Văn Tổ',
      changes: [
        { field: 'hamletCode', from: null, to: 'T1' },
        { field: 'headName', from: null, to: 'Nguyễn Văn A' },
        { field: 'fiber', from: null, to: true },
        { personId: 'p1', field: 'added', from: null, to: 'Nguyễn Văn A' },
        { personId: 'p1', field: 'birthYear', from: null, to: 1990 },
        { personId: 'p1', field: 'phone', from: null, to: 'smartphone' },
      ],
      personIds: ['p1'],
      notes: '',
    });
    expect(await getHousehold(db, 'h1')).toEqual({
      household: { ...h, updatedAt: T1 },
      people: [person('p1', 'h1', 'Nguyễn Văn A', { phone: 'smartphone', updatedAt: T1 })],
    });
    expect(await listVisits(db, 'h1')).toEqual([visit]);
  });

  it('returns undefined and logs nothing when nothing changed and there are no notes', async () => {
    const people = [person('p1', 'h1', 'Nguyễn Văn A')];
    await save(household('h1', { headName: 'Nguyễn Văn A' }), people, 'v1');
    expect(await save(household('h1', { headName: 'Nguyễn Văn A' }), people, 'v2', T2, '  ')).toBeUndefined();
    expect((await listVisits(db, 'h1')).map((v) => v.id)).toEqual(['v1']);
    expect((await getHousehold(db, 'h1'))?.household.updatedAt).toBe(T1);
  });

  it('leaves the household unstamped when only a person changed', async () => {
    const a = person('p1', 'h1', 'Nguyễn Văn A');
    await save(household('h1', { headName: 'Nguyễn Văn A' }), [a], 'v1', T1);
    await save(household('h1', { headName: 'Nguyễn Văn A' }), [{ ...a, phone: 'smartphone' }], 'v2', T2);
    const stored = await getHousehold(db, 'h1');
    expect([stored?.household.updatedAt, stored?.people[0]?.updatedAt]).toEqual([T1, T2]);
  });

  it('logs a visit with notes alone, trimmed', async () => {
    const h = household('h1', { headName: 'Nguyễn Văn A' });
    await save(h, [], 'v1');
    expect(await save(h, [], 'v2', T2, ' Hẹn quay lại cài VNeID ')).toMatchObject({ id: 'v2', changes: [], personIds: [], notes: 'Hẹn quay lại cài VNeID' });
  });

  it('logs only what changed, and stamps only the people who changed', async () => {
    const a = person('p1', 'h1', 'Nguyễn Văn A');
    const b = person('p2', 'h1', 'Trần Thị Bích', { birthYear: 1992 });
    await save(household('h1', { headName: 'Nguyễn Văn A' }), [a, b], 'v1', T1);
    const stored = await getHousehold(db, 'h1');
    const [storedA, storedB] = stored?.people ?? [];
    if (storedA === undefined || storedB === undefined) throw new Error('people not saved');
    const visit = await save(household('h1', { headName: 'Nguyễn Văn A', fiber: true }), [storedA, { ...storedB, vneid: 'l2_active' }], 'v2', T2);
    expect(visit?.changes).toEqual([
      { field: 'fiber', from: false, to: true },
      { personId: 'p2', field: 'vneid', from: 'none', to: 'l2_active' },
    ]);
    expect(visit?.personIds).toEqual(['p2']);
    expect((await getHousehold(db, 'h1'))?.people.map((p) => [p.id, p.updatedAt])).toEqual([['p1', T1], ['p2', T2]]);
  });

  it('keeps people left out of a save', async () => {
    await save(household('h1'), [person('p1', 'h1', 'Nguyễn Văn A')], 'v1');
    await save(household('h1', { fiber: true }), [], 'v2', T2);
    expect((await getHousehold(db, 'h1'))?.people.map((p) => p.id)).toEqual(['p1']);
    expect((await searchHouseholds(db, 'nguyen')).map((r) => r.household.id)).toEqual(['h1']);
  });

  it('writes nothing when the visit cannot be logged (new household)', async () => {
    await db.visits.add({ id: 'v1', householdId: 'other', visitedAt: T0, visitor: 'Tổ', changes: [], personIds: [], notes: '' });
    await expect(save(household('h1', { headName: 'Nguyễn Văn A' }), [person('p1', 'h1', 'Nguyễn Văn A')], 'v1')).rejects.toThrow();
    expect([await db.households.count(), await db.people.count(), await db.visits.count()]).toEqual([0, 0, 1]);
  });

  it('writes nothing when the visit cannot be logged (existing household)', async () => {
    const before = { household: household('h1', { headName: 'Nguyễn Văn A' }), people: [person('p1', 'h1', 'Nguyễn Văn A')] };
    await save(before.household, before.people, 'v1', T1);
    const stored = await getHousehold(db, 'h1');
    const changed = [person('p1', 'h1', 'Nguyễn Văn A', { vneid: 'l2_active' }), person('p2', 'h1', 'Trần Thị Bích')];
    await expect(save(household('h1', { headName: 'Nguyễn Văn A', fiber: true }), changed, 'v1', T2)).rejects.toThrow();
    expect(await getHousehold(db, 'h1')).toEqual(stored);
    expect(await searchHouseholds(db, 'bich')).toEqual([]);
  });
});

describe('saveHousehold: the first save of a form opened on a new household', () => {
  const first = (target: NgoSoDb, h: Household, people: Person[], visitId: string, now = T1) =>
    saveNewHousehold(target, { household: h, people, visitId, visitor: 'Lò Văn Tổ', notes: 'Lần đầu', now });
  /** Every table a save writes, as stored. */
  const written = async (target: NgoSoDb) => ({
    households: await target.households.toArray(),
    people: await target.people.toArray(),
    visits: await target.visits.toArray(),
    outbox: await target.outbox.toArray(),
    syncState: await target.syncState.toArray(),
    tallyBasis: await target.tallyBasis.toArray(),
    tallyDirty: await target.tallyDirty.toArray(),
  });

  it('writes what any save of the new household writes: records, visit, outbox, stamps and the tallies\' note', async () => {
    const other = openDatabase(`ngo-so-test-${crypto.randomUUID()}`);
    try {
      // The same device on both phones, so that the stamps are the same.
      for (const target of [db, other]) await target.syncState.put(freshSyncState('device-1'));
      const h = household('h1', { headName: 'Nguyễn Văn A', fiber: true });
      const people = [person('p1', 'h1', 'Nguyễn Văn A', { phone: 'smartphone' }), person('p2', 'h1', 'Trần Thị Bích')];
      const visit = await first(db, h, people, 'v1');
      expect(visit).toEqual(await saveHousehold(other, { household: h, people, visitId: 'v1', visitor: 'Lò Văn Tổ', notes: 'Lần đầu', now: T1 }));
      expect(await written(db)).toEqual(await written(other));
      expect((await written(db)).tallyDirty).toEqual([{ householdId: 'h1' }]);
    } finally {
      await other.delete();
    }
  });

  it('writes the same with the sync state and tallies\' basis the form read, issued without waiting for the reads', async () => {
    const other = openDatabase(`ngo-so-test-${crypto.randomUUID()}`);
    try {
      for (const target of [db, other]) await target.syncState.put(freshSyncState('device-1'));
      const h = household('h1', { headName: 'Nguyễn Văn A' });
      const people = [person('p1', 'h1', 'Nguyễn Văn A'), person('p2', 'h1', 'Trần Thị Bích')];
      await saveNewHousehold(db, { household: h, people, visitId: 'v1', visitor: 'Lò Văn Tổ', notes: 'Lần đầu', now: T1 }, await readSaveBasis(db));
      await first(other, h, people, 'v1');
      expect(await written(db)).toEqual(await written(other));
    } finally {
      await other.delete();
    }
  });

  it('stamps after the sync state as it is when it moved since the form read it, keeping nothing of the first try', async () => {
    await db.syncState.put(freshSyncState('device-1'));
    const seen = await readSaveBasis(db);
    // Another save after the form read the rows: its stamps and the note moved them.
    await first(db, household('h0', { headName: 'Trần Văn B' }), [person('p0', 'h0', 'Trần Văn B')], 'v0', T2);
    await saveNewHousehold(db, { household: household('h1', { headName: 'Nguyễn Văn A' }), people: [person('p1', 'h1', 'Nguyễn Văn A')], visitId: 'v1', visitor: 'Lò Văn Tổ', notes: '', now: T1 }, seen);
    const stamps = (await db.outbox.toArray()).map((r) => r.stamp);
    expect(stamps).toHaveLength(6);
    expect(new Set(stamps).size).toBe(6);
    expect((await db.syncState.get(SYNC_STATE_KEY))?.lastStamp).toBe([...stamps].sort().at(-1));
    expect((await written(db)).tallyDirty).toEqual([{ householdId: 'h0' }, { householdId: 'h1' }]);
    expect(await db.households.count()).toBe(2);
  });

  it('saves a household that is on the phone after all (another tab saved the form) as an edit: nothing doubled, nothing lost', async () => {
    const a = person('p1', 'h1', 'Nguyễn Văn A');
    await save(household('h1', { headName: 'Nguyễn Văn A' }), [a], 'v1', T1);
    const visit = await first(db, household('h1', { headName: 'Nguyễn Văn A', fiber: true }), [a, person('p2', 'h1', 'Trần Thị Bích')], 'v2', T2);
    expect(visit?.changes.map((c) => [c.personId ?? 'household', c.field])).toEqual([['household', 'fiber'], ['p2', 'added'], ['p2', 'birthYear']]);
    expect((await getHousehold(db, 'h1'))?.people.map((p) => [p.id, p.updatedAt])).toEqual([['p1', T1], ['p2', T2]]);
    expect((await listVisits(db, 'h1')).map((v) => v.id)).toEqual(['v2', 'v1']);
    // In stamp order: the first save's three mutations, then the edit's household, new person and visit.
    expect((await db.outbox.toArray()).sort((x, y) => (x.stamp < y.stamp ? -1 : 1)).map((r) => [r.entityId, Object.keys(r.mutation.fields).length > 3 ? 'all' : 'changed'])).toEqual([
      ['h1', 'all'], ['p1', 'all'], ['v1', 'all'], ['h1', 'changed'], ['p2', 'all'], ['v2', 'all'],
    ]);
  });

  it('finds a person of the form already on the phone the same way', async () => {
    await save(household('h1', { headName: 'Nguyễn Văn A' }), [person('p1', 'h1', 'Nguyễn Văn A')], 'v1', T1);
    await db.households.delete('h1');
    await first(db, household('h1', { headName: 'Nguyễn Văn A' }), [person('p1', 'h1', 'Nguyễn Văn A', { phone: 'smartphone' })], 'v2', T2);
    expect((await getHousehold(db, 'h1'))?.people.map((p) => [p.id, p.phone])).toEqual([['p1', 'smartphone']]);
  });

  it('is rehearsed up to the commit without keeping or telling anything, working out the outbox rows the save then queues', async () => {
    await db.syncState.put(freshSyncState('device-1'));
    const seen = await readSaveBasis(db);
    const before = await written(db);
    const input = { household: household('h1', { headName: 'Nguyễn Văn A' }), people: [person('p1', 'h1', 'Nguyễn Văn A'), person('p2', 'h1', 'Trần Thị Bích')], visitId: 'v1', visitor: 'Lò Văn Tổ', notes: '', now: T1 };
    const told = vi.fn();
    Dexie.on('storagemutated', told);
    const rehearsed = await rehearseNewHousehold(db, input, seen);
    expect(await written(db)).toEqual(before);
    expect(seen).toEqual(await readSaveBasis(db));
    await saveNewHousehold(db, input, seen);
    expect(rehearsed).toBe(await db.outbox.count());
    // The save is told (here on Dexie's channel, in order): the rehearsal was not, before it.
    await vi.waitFor(() => expect(told).toHaveBeenCalled());
    Dexie.on.storagemutated.unsubscribe(told);
    expect(told).toHaveBeenCalledTimes(1);
  });

  it('writes nothing when the visit cannot be logged', async () => {
    await db.visits.add({ id: 'v1', householdId: 'other', visitedAt: T0, visitor: 'Tổ', changes: [], personIds: [], notes: '' });
    await expect(first(db, household('h1', { headName: 'Nguyễn Văn A' }), [person('p1', 'h1', 'Nguyễn Văn A')], 'v1')).rejects.toThrow();
    expect([await db.households.count(), await db.people.count(), await db.visits.count(), await db.outbox.count()]).toEqual([0, 0, 1, 0]);
  });
});

describe('saveHousehold: a first save (written without Dexie) reaches live queries', () => {
  const first = (h: Household, people: Person[], visitId: string) =>
    saveNewHousehold(db, { household: h, people, visitId, visitor: 'Lò Văn Tổ', notes: '', now: T1 });
  // Outside a transaction of its own, as the lists' queries are, so that Dexie caches its result.
  const hamletIds = () => liveQuery(async () => (await db.households.where('hamletCode').equals('T1').toArray()).map((h) => h.id).sort());
  /** The first value of a live query that `wanted` accepts, with every value it gave. */
  const until = <T,>(query: ReturnType<typeof liveQuery<T>>, wanted: (value: T) => boolean) =>
    new Promise<T[]>((resolve, reject) => {
      const seen: T[] = [];
      const timer = setTimeout(() => {
        subscription.unsubscribe();
        reject(new Error(`never came: ${JSON.stringify(seen)}`));
      }, 2000);
      const subscription = query.subscribe({
        next: (value) => {
          seen.push(value);
          if (!wanted(value)) return;
          clearTimeout(timer);
          setTimeout(() => subscription.unsubscribe(), 0);
          resolve(seen);
        },
        error: reject,
      });
    });

  it('wakes a live query of the hamlet', async () => {
    await save(household('h0', { headName: 'Nguyễn Văn A' }), [person('p0', 'h0', 'Nguyễn Văn A')], 'v0');
    const shown = until(hamletIds(), (ids) => ids.includes('h1'));
    await until(hamletIds(), (ids) => ids.length === 1);
    await first(household('h1', { headName: 'Trần Văn B', houseNumber: '9' }), [person('p1', 'h1', 'Trần Văn B')], 'v1');
    expect((await shown).at(-1)).toEqual(['h0', 'h1']);
  });

  it('leaves no cached result from before it: a screen opened again right after it shows the household', async () => {
    await save(household('h0', { headName: 'Nguyễn Văn A' }), [person('p0', 'h0', 'Nguyễn Văn A')], 'v0');
    // A screen shows the hamlet and closes: Dexie keeps its result 3 s for a screen opened again.
    await until(hamletIds(), (ids) => ids.length === 1);
    await first(household('h1', { headName: 'Trần Văn B', houseNumber: '9' }), [person('p1', 'h1', 'Trần Văn B')], 'v1');
    expect((await until(hamletIds(), (ids) => ids.includes('h1'))).at(-1)).toEqual(['h0', 'h1']);
  });
});

describe('saveHousehold: fields the visit log leaves out', () => {
  const listed = [{ name: 'Trần Thị Bích', birthYear: 1992 }, { name: 'Nguyễn Văn C', birthYear: 2010 }];

  it('saves the shortened list of expected members when one of them is recorded', async () => {
    await save(household('h1', { headName: 'Nguyễn Văn A', expectedMembers: listed }), [], 'v1', T1);
    const bich = person('p2', 'h1', 'Trần Thị Bích', { birthYear: 1992 });
    const visit = await save(household('h1', { headName: 'Nguyễn Văn A', expectedMembers: listed.slice(1) }), [bich], 'v2', T2);
    expect(visit?.changes.map((c) => c.field)).toEqual(['added', 'birthYear']);
    expect((await getHousehold(db, 'h1'))?.household).toMatchObject({ expectedMembers: listed.slice(1), updatedAt: T2 });
  });

  it('saves a change of expected members alone, without logging a visit', async () => {
    await save(household('h1', { headName: 'Nguyễn Văn A', expectedMembers: listed }), [], 'v1', T1);
    expect(await save(household('h1', { headName: 'Nguyễn Văn A', expectedMembers: [] }), [], 'v2', T2)).toBeUndefined();
    expect((await getHousehold(db, 'h1'))?.household.expectedMembers).toEqual([]);
    expect((await listVisits(db, 'h1')).map((v) => v.id)).toEqual(['v1']);
  });
});

describe('listHamletHouseholds', () => {
  it('lists one hamlet by house number, members by birth year, without the search index', async () => {
    await save(household('h10', { houseNumber: '10', headName: 'Lê Văn C' }), [], 'v1');
    await save(household('h2', { houseNumber: '2', headName: 'Phạm Thị D' }), [person('old', 'h2', 'Phạm Thị D', { birthYear: 1950 }), person('kid', 'h2', 'Bé E', { birthYear: 2018 }), person('mid', 'h2', 'Anh F', { birthYear: 1980 })], 'v2');
    await save(household('h9', { hamletCode: 'T2', houseNumber: '1', headName: 'Đinh G' }), [], 'v3');
    const list = await listHamletHouseholds(db, 'T1');
    expect(list.map((r) => [r.household.id, r.people.map((p) => p.id)])).toEqual([['h2', ['old', 'mid', 'kid']], ['h10', []]]);
    expect(list.every((r) => !('searchWords' in r.household))).toBe(true);
  });

  it('is empty for a hamlet without households', async () => {
    expect(await listHamletHouseholds(db, 'T404')).toEqual([]);
  });
});

describe('searchHouseholds', () => {
  beforeEach(async () => {
    await save(household('h1', { houseNumber: '12', headName: 'Nguyễn Văn A', phone: '0912345678' }), [person('a', 'h1', 'Nguyễn Văn A'), person('b', 'h1', 'Trần Thị Bích')], 'v1');
    await save(household('h2', { houseNumber: '3', headName: 'Nguyễn Văn Bình', phone: '0987654321' }), [person('c', 'h2', 'Nguyễn Văn Bình')], 'v2');
    await save(household('h3', { hamletCode: 'T2', houseNumber: '120', street: 'Xóm Đồng', headName: 'Đặng Thị Hoa' }), [person('d', 'h3', 'Đặng Thị Hoa')], 'v3');
  });

  it.each([
    ['nguyen van a', ['h1']],
    ['NGUYỄN VĂN A', ['h1']],
    ['nguyen', ['h2', 'h1']],
    ['bich tran', ['h1']],
    ['12', ['h1', 'h3']],
    ['3', ['h2']],
    ['0912', ['h1']],
    ['098765', ['h2']],
    ['0912 345 678', ['h1']],
    ['0912.345', ['h1']],
    ['+84 912 345 678', ['h1']],
    ['dang dong', ['h3']],
    ['nguyen hoa', []],
    ['nguyen van xuan', []],
    ['le', []],
    ['guyen', []],
    ['', []],
    [' ,. ', []],
  ])('%j → %j', async (query, ids) => {
    expect((await searchHouseholds(db, query)).map((r) => r.household.id)).toEqual(ids);
  });

  it('returns households with their people, and at most `limit`', async () => {
    const [found] = await searchHouseholds(db, 'hoa');
    expect(found?.people.map((p) => p.name)).toEqual(['Đặng Thị Hoa']);
    expect(await searchHouseholds(db, 'nguyen', 1)).toHaveLength(1);
  });

  it('reads past the first page of the longest word to find matches of the others, and lists each household once', async () => {
    for (let i = 0; i < 45; i++) {
      const id = `h-${String(i).padStart(2, '0')}`;
      await save(household(id, { houseNumber: String(i), headName: 'Nguyễn Văn Tư' }), [person(`p-${id}`, id, 'Nguyễn Văn Tư')], `v-${id}`);
    }
    // Two of its words start with "nguy": two index entries, one household.
    await save(household('z-mai', { houseNumber: '99', headName: 'Nguyễn Thị Nguyệt Mai' }), [person('p-mai', 'z-mai', 'Nguyễn Thị Nguyệt Mai')], 'v-mai');
    expect((await searchHouseholds(db, 'nguy mai', 5)).map((r) => r.household.id)).toEqual(['z-mai']);
    const many = (await searchHouseholds(db, 'nguy', 100)).map((r) => r.household.id);
    expect(many).toHaveLength(48);
    expect(new Set(many).size).toBe(48);
    expect(await searchHouseholds(db, 'nguy', 5)).toHaveLength(5);
  });
});

describe('withdrawConsent', () => {
  beforeEach(async () => {
    const a = person('p1', 'h1', 'Nguyễn Văn A');
    const b = person('p2', 'h1', 'Trần Thị Bích');
    await save(household('h1', { headName: 'Nguyễn Văn A' }), [a, b], 'v1', T1);
    await save(household('h1', { headName: 'Nguyễn Văn A', fiber: true }), [a, { ...b, vneid: 'l2_active', phone: 'smartphone' }], 'v2', T2);
    await save(household('h2', { headName: 'Lê Văn C' }), [person('p3', 'h2', 'Lê Văn C')], 'v3', T2);
    await withdrawConsent(db, { personId: 'p2', visitId: 'v4', visitor: 'Lò Văn Tổ', now: '2026-03-04T08:00:00.000Z' });
  });

  it('deletes the person', async () => {
    expect(await db.people.get('p2')).toBeUndefined();
    expect((await getHousehold(db, 'h1'))?.people.map((p) => p.id)).toEqual(['p1']);
  });

  it('removes their id and changes from earlier visits, keeping the rest', async () => {
    const visits = await listVisits(db, 'h1');
    expect(visits.map((v) => [v.id, v.personIds, v.changes.map((c) => `${c.personId ?? ''}:${c.field}`)])).toEqual([
      ['v4', [], [':consent_withdrawn']],
      ['v2', [], [':fiber']],
      ['v1', ['p1'], [':hamletCode', ':headName', 'p1:added', 'p1:birthYear']],
    ]);
    const everything = JSON.stringify(await db.visits.toArray());
    expect([everything.includes('p2'), everything.includes('Bích'), everything.includes('Trần')]).toEqual([false, false, false]);
  });

  it('removes their name from the search index, not the others\'', async () => {
    expect(await searchHouseholds(db, 'bich')).toEqual([]);
    expect(await searchHouseholds(db, 'tran')).toEqual([]);
    expect((await searchHouseholds(db, 'nguyen van a')).map((r) => r.household.id)).toEqual(['h1']);
  });

  it('logs the withdrawal without personal data', async () => {
    expect(await db.visits.get('v4')).toEqual({
      id: 'v4',
      householdId: 'h1',
      visitedAt: '2026-03-04T08:00:00.000Z',
      visitor: 'Lò Văn Tổ',
      changes: [{ field: 'consent_withdrawn', from: null, to: null }],
      personIds: [],
      notes: '',
    });
  });

  it('leaves other households alone', async () => {
    expect((await listVisits(db, 'h2')).map((v) => v.personIds)).toEqual([['p3']]);
  });

  it('does nothing for an unknown person', async () => {
    await withdrawConsent(db, { personId: 'nobody', visitId: 'v5', visitor: 'Tổ', now: T2 });
    expect(await db.visits.get('v5')).toBeUndefined();
  });
});
