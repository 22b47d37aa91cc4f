import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0, T1, T2, testHousehold, testPerson } from '../../tests/fixtures/records';
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import type { Visit } from '../domain/visit';
import { openDatabase, type NgoSoDb } from './database';
import { getHousehold, householdAuthors, listVisits, saveHousehold, withdrawConsent } from './households';
import { searchHouseholds } from './search';
import { acknowledge, pendingInOrder } from './outbox';
import { applyPulledPage, finishRewind, type IncomingRecord } from './pulled-records';
import { readSyncState } from './sync-state';


const household = (id: string, change: Partial<Household> = {}): Household => testHousehold(id, { headName: 'Nguyễn Văn A', ...change });

const person = testPerson;

const visit = (id: string, householdId: string, change: Partial<Visit> = {}): Visit => ({
  id, householdId, visitedAt: T1, visitor: 'Chị Hoa', changes: [], personIds: [], notes: '', ...change,
});

const upsert = (entity: 'household' | 'person' | 'visit', record: { id: string }, updatedBy = 'Chị Hoa'): IncomingRecord => ({ entity, id: record.id, deleted: false, record, updatedBy });

let db: NgoSoDb;
beforeEach(() => {
  db = openDatabase(`ngo-so-pull-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const save = (h: Household, people: Person[], visitId: string, now = T1) =>
  saveHousehold(db, { household: h, people, visitId, visitor: 'Anh Tổ', notes: '', now });

describe('applyPulledPage', () => {
  it('stores others\' households, people and visits, searchable, with who changed them, and the cursor', async () => {
    const result = await applyPulledPage(db, [
      upsert('person', person('p9', 'h9', 'Đặng Thị Hoa')),
      upsert('household', household('h9', { headName: 'Đặng Văn Bảy', houseNumber: '12' })),
      upsert('visit', visit('v9', 'h9', { personIds: ['p9'], changes: [{ personId: 'p9', field: 'added', from: null, to: 'Đặng Thị Hoa' }] })),
    ], 'c-1');
    expect(result).toEqual({ applied: 3, skipped: 0 });
    expect((await searchHouseholds(db, 'hoa')).map((r) => r.household.id)).toEqual(['h9']);
    expect(await getHousehold(db, 'h9')).toEqual({ household: household('h9', { headName: 'Đặng Văn Bảy', houseNumber: '12' }), people: [person('p9', 'h9', 'Đặng Thị Hoa')] });
    expect(await householdAuthors(db, 'h9')).toEqual({ household: 'Chị Hoa', people: new Map([['p9', 'Chị Hoa']]) });
    expect((await listVisits(db, 'h9')).map((v) => v.id)).toEqual(['v9']);
    expect((await readSyncState(db))?.cursor).toBe('c-1');
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps this phone\'s unconfirmed edits on top, field by field (pending and refused alike)', async () => {
    const p = person('p1', 'h1', 'Nguyễn Văn A');
    await save(household('h1'), [p], 'v1', T0);
    const sent = await pendingInOrder(db, 10);
    await acknowledge(db, sent.map((r) => ({ id: r.id, status: 'applied' as const })));
    await save(household('h1', { fiber: true }), [{ ...p, vneid: 'l1_active', updatedAt: T0 }], 'v2', T1);
    const [householdEdit] = await pendingInOrder(db, 10);
    await acknowledge(db, [{ id: householdEdit?.id ?? '', status: 'rejected', reason: 'lỗi' }]);

    // Meanwhile another phone changed the same household and person, other fields and the same.
    await applyPulledPage(db, [
      upsert('household', household('h1', { smartDevice: true, fiber: false, headName: 'Nguyễn Văn Anh' })),
      upsert('person', person('p1', 'h1', 'Nguyễn Văn A', { payment: 'bank', vneid: 'none' })),
    ], 'c-2');
    const stored = await getHousehold(db, 'h1');
    expect([stored?.household.fiber, stored?.household.smartDevice, stored?.household.headName]).toEqual([true, true, 'Nguyễn Văn Anh']);
    expect([stored?.people[0]?.vneid, stored?.people[0]?.payment]).toEqual(['l1_active', 'bank']);
    expect((await searchHouseholds(db, 'anh')).map((r) => r.household.id)).toEqual(['h1']);
    // The fields on screen are this phone's: so is the author.
    expect(await householdAuthors(db, 'h1')).toEqual({ household: 'Anh Tổ', people: new Map([['p1', 'Anh Tổ']]) });
  });

  it('marks the edits it laid over a record; their confirmation rewinds the next pull to the earliest such page', async () => {
    await save(household('h1'), [], 'v1', T0);
    await save(household('h2'), [], 'v2', T0);
    await applyPulledPage(db, [upsert('household', household('h1', { poverty: 'poor' }))], 'c-2', 'c-1');
    await applyPulledPage(db, [upsert('household', household('h2', { poverty: 'poor' }))], 'c-3', 'c-2');
    await applyPulledPage(db, [upsert('household', household('h1', { poverty: 'near_poor' }))], 'c-4', 'c-3');
    const rows = await pendingInOrder(db, 10);
    expect(rows.map((r) => [r.entityId, r.overlaid])).toEqual([
      ['h1', { cursor: 'c-1', page: 1 }],
      ['v1', undefined],
      ['h2', { cursor: 'c-2', page: 2 }],
      ['v2', undefined],
    ]);
    await acknowledge(db, [{ id: rows[2]?.id ?? '', status: 'applied' }]);
    expect((await readSyncState(db))?.rewind).toEqual({ cursor: 'c-2', page: 2 });
    await acknowledge(db, [{ id: rows[0]?.id ?? '', status: 'duplicate' }]);
    expect((await readSyncState(db))?.rewind).toEqual({ cursor: 'c-1', page: 1 });
    await finishRewind(db, { cursor: 'c-2', page: 2 });
    expect((await readSyncState(db))?.rewind).toEqual({ cursor: 'c-1', page: 1 });
    await finishRewind(db, { cursor: 'c-1', page: 1 });
    expect((await readSyncState(db))?.rewind).toBeUndefined();
  });

  it('takes the server\'s record whole once nothing waits', async () => {
    await save(household('h1', { fiber: true }), [], 'v1', T0);
    await acknowledge(db, (await pendingInOrder(db, 10)).map((r) => ({ id: r.id, status: 'applied' as const })));
    await applyPulledPage(db, [upsert('household', household('h1', { fiber: false, poverty: 'poor' }), 'Chị Hoa')], 'c-1');
    expect((await getHousehold(db, 'h1'))?.household).toEqual(household('h1', { fiber: false, poverty: 'poor' }));
    expect((await householdAuthors(db, 'h1')).household).toBe('Chị Hoa');
  });

  it('erases a person the server erased: row, traces in visits, unsent changes, search words', async () => {
    const a = person('p1', 'h1', 'Nguyễn Văn A');
    const b = person('p2', 'h1', 'Trần Thị Bích', { vneid: 'l1_active' });
    await save(household('h1'), [a, b], 'v1', T0);
    await applyPulledPage(db, [{ entity: 'person', id: 'p2', deleted: true }], 'c-3');
    expect((await getHousehold(db, 'h1'))?.people.map((p) => p.id)).toEqual(['p1']);
    expect(await searchHouseholds(db, 'bich')).toEqual([]);
    const everywhere = JSON.stringify([await db.visits.toArray(), await db.outbox.toArray()]);
    expect(['p2', 'Bích'].filter((s) => everywhere.includes(s))).toEqual([]);
  });

  it('follows one page in its order: a person written, then erased, then a visit naming them; a household moved twice keeps the last', async () => {
    await applyPulledPage(db, [
      upsert('household', household('h1', { houseNumber: '1' })),
      upsert('person', person('p1', 'h1', 'Nguyễn Văn A')),
      upsert('person', person('p2', 'h1', 'Trần Thị Bích')),
      upsert('visit', visit('v1', 'h1', { personIds: ['p2'], changes: [{ personId: 'p2', field: 'added', from: null, to: 'Trần Thị Bích' }] })),
      { entity: 'person', id: 'p2', deleted: true },
      upsert('household', household('h1', { houseNumber: '2' }), 'Anh Minh'),
    ], 'c-2');
    expect(await getHousehold(db, 'h1')).toEqual({ household: household('h1', { houseNumber: '2' }), people: [person('p1', 'h1', 'Nguyễn Văn A')] });
    expect(await db.visits.get('v1')).toMatchObject({ personIds: [], changes: [] });
    expect(await searchHouseholds(db, 'bich')).toEqual([]);
    expect((await householdAuthors(db, 'h1')).household).toBe('Anh Minh');
  });

  it('does not bring back a person this phone is erasing, nor name them in pulled visits', async () => {
    await save(household('h1'), [person('p1', 'h1', 'A'), person('p2', 'h1', 'Trần Thị Bích')], 'v1', T0);
    await withdrawConsent(db, { personId: 'p2', visitId: 'v2', visitor: 'Anh Tổ', now: T1 });
    await applyPulledPage(db, [
      upsert('person', person('p2', 'h1', 'Trần Thị Bích')),
      upsert('visit', visit('v8', 'h1', { personIds: ['p1', 'p2'], changes: [{ personId: 'p2', field: 'vneid', from: 'none', to: 'l1_active' }, { personId: 'p1', field: 'vssid', from: false, to: true }] })),
    ], 'c-4');
    expect(await db.people.get('p2')).toBeUndefined();
    expect(await db.visits.get('v8')).toMatchObject({ personIds: ['p1'], changes: [{ personId: 'p1', field: 'vssid', from: false, to: true }] });
  });

  it('skips a record it cannot read, applies the rest and moves the cursor on', async () => {
    const result = await applyPulledPage(db, [
      { entity: 'household', id: 'bad', deleted: false, record: { headName: '' }, updatedBy: 'x' },
      { entity: 'person', id: 'p5', deleted: false },
      upsert('household', household('h5')),
    ], 'c-5');
    expect(result).toEqual({ applied: 1, skipped: 2 });
    expect([await db.households.count(), (await readSyncState(db))?.cursor]).toEqual([1, 'c-5']);
  });

  it('a pulled visit of this phone that the server already had changes nothing', async () => {
    await save(household('h1'), [], 'v1', T2);
    const before = await db.visits.get('v1');
    await applyPulledPage(db, [upsert('visit', before ?? visit('v1', 'h1'))], 'c-6');
    expect(await db.visits.get('v1')).toEqual(before);
  });
});
