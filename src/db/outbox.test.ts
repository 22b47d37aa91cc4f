import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0, T1, T2, testHousehold, testPerson } from '../../tests/fixtures/records';
import { parseStamp } from '../domain/clock';
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import { Mutation, mutationProblem } from '../domain/sync-protocol';
import { openDatabase, type NgoSoDb } from './database';
import { getHousehold, householdAuthors, saveHousehold, withdrawConsent } from './households';
import { acknowledge, pendingInOrder, retryRejected } from './outbox';
import { confirmedCount, householdSyncStatus, outboxSummary } from './outbox-status';
import { readSyncState, updateSyncState } from './sync-state';


const household = (id: string, change: Partial<Household> = {}): Household => testHousehold(id, { headName: 'Nguyễn Văn A', ...change });

const person = testPerson;

let db: NgoSoDb;
beforeEach(() => {
  db = openDatabase(`ngo-so-outbox-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const save = (h: Household, people: Person[], visitId: string, now = T1, notes = '') =>
  saveHousehold(db, { household: h, people, visitId, visitor: 'Lò Văn Tổ', notes, now });

const outbox = async () => (await pendingInOrder(db, 1000)).map((r) => r.mutation);
const shape = (m: Mutation) => `${m.entity}:${m.entityId}:${m.op}${m.correction ? ':correction' : ''} ${Object.keys(m.fields).sort().join(',')}`;

describe('saveHousehold writes the outbox with the change', () => {
  it('a new household: every field of the household and each person, then the visit', async () => {
    const h = household('h1', { fiber: true });
    const p = person('p1', 'h1', 'Nguyễn Văn A');
    await save(h, [p], 'v1');
    const [hm, pm, vm, ...rest] = await outbox();
    expect(rest).toEqual([]);
    const { id: _h, ...householdFields } = h;
    const { id: _p, ...personFields } = p;
    expect(hm).toMatchObject({ entity: 'household', entityId: 'h1', op: 'upsert', communeCode: 'X1', hamletCode: 'T1', householdId: 'h1', fields: { ...householdFields, updatedAt: T1 }, madeAt: T1 });
    expect(pm).toMatchObject({ entity: 'person', entityId: 'p1', householdId: 'h1', fields: { ...personFields, updatedAt: T1 } });
    expect(vm).toMatchObject({ entity: 'visit', entityId: 'v1', op: 'upsert' });
    expect(vm?.fields).not.toHaveProperty('id');
    expect(vm?.fields.personIds).toEqual(['p1']);
    expect(JSON.stringify(hm)).not.toContain('searchWords');
    for (const m of [hm, pm, vm]) {
      if (m === undefined) throw new Error('missing mutation');
      expect([Mutation.safeParse(m).success, mutationProblem(m)]).toEqual([true, undefined]);
    }
  });

  it('an existing household: only the changed fields, only the people who changed', async () => {
    const a = person('p1', 'h1', 'Nguyễn Văn A');
    const b = person('p2', 'h1', 'Trần Thị Bích');
    await save(household('h1'), [a, b], 'v1', T1);
    await db.outbox.clear();
    const stored = await getHousehold(db, 'h1');
    const [sa, sb] = stored?.people ?? [];
    if (sa === undefined || sb === undefined) throw new Error('people not saved');
    await save(household('h1', { smartDevice: true }), [sa, { ...sb, vneid: 'l1_active' }], 'v2', T2);
    expect((await outbox()).map(shape)).toEqual([
      'household:h1:upsert smartDevice,updatedAt',
      'person:p2:upsert updatedAt,vneid',
      'visit:v2:upsert changes,householdId,notes,personIds,visitedAt,visitor',
    ]);
  });

  it('a save with notes alone sends the visit only; a save that changes nothing sends nothing', async () => {
    await save(household('h1'), [], 'v1');
    await db.outbox.clear();
    await save(household('h1'), [], 'v2', T2, 'Hẹn quay lại');
    await save(household('h1'), [], 'v3', T2);
    expect((await outbox()).map(shape)).toEqual(['visit:v2:upsert changes,householdId,notes,personIds,visitedAt,visitor']);
  });

  it('moving a forward-only status back (or taking a skill away) is sent apart, as a correction', async () => {
    const p = person('p1', 'h1', 'Nguyễn Văn A', { vneid: 'l2_active', skills: ['payment', 'safety'] });
    await save(household('h1'), [p], 'v1');
    await db.outbox.clear();
    const [stored] = (await getHousehold(db, 'h1'))?.people ?? [];
    if (stored === undefined) throw new Error('person not saved');
    await save(household('h1'), [{ ...stored, vneid: 'l1_submitted', skills: ['payment'], birthYear: 1991 }], 'v2', T2);
    await save(household('h1'), [{ ...stored, vneid: 'none', skills: ['payment'], birthYear: 1991 }], 'v3', '2026-03-04T08:00:00.000Z');
    expect((await outbox()).map(shape)).toEqual([
      'person:p1:upsert birthYear,updatedAt',
      'person:p1:upsert:correction skills,vneid',
      'visit:v2:upsert changes,householdId,notes,personIds,visitedAt,visitor',
      'person:p1:upsert:correction updatedAt,vneid',
      'visit:v3:upsert changes,householdId,notes,personIds,visitedAt,visitor',
    ]);
  });

  it('a household\'s "has fiber" taken back is a correction; its phone number changing is not', async () => {
    await save(household('h1', { fiber: true, phone: '0912345678' }), [], 'v1', T0);
    await db.outbox.clear();
    await save(household('h1', { fiber: false, phone: '0987654321' }), [], 'v2', T1);
    expect((await outbox()).map(shape)).toEqual([
      'household:h1:upsert phone,updatedAt',
      'household:h1:upsert:correction fiber',
      'visit:v2:upsert changes,householdId,notes,personIds,visitedAt,visitor',
    ]);
  });

  it('stamps follow one another, carry the device id, and are made at the time of the save, which the screen corrected by the measured offset: never corrected again', async () => {
    await updateSyncState(db, () => ({ clockOffsetMs: -3_600_000 }));
    await save(household('h1'), [person('p1', 'h1', 'A')], 'v1', T1);
    const rows = await pendingInOrder(db, 10);
    const stamps = rows.map((r) => parseStamp(r.stamp));
    const state = await readSyncState(db);
    expect(stamps.map((s) => [s?.ms, s?.counter, s?.device])).toEqual([
      [Date.parse(T1), 0, state?.deviceId],
      [Date.parse(T1), 1, state?.deviceId],
      [Date.parse(T1), 2, state?.deviceId],
    ]);
    expect(state?.lastStamp).toBe(rows[2]?.stamp);
    // A phone clock that went backwards still stamps after the last one.
    await save(household('h1', { fiber: true }), [], 'v2', T0);
    const later = await pendingInOrder(db, 10);
    expect(later.slice(3).map((r) => parseStamp(r.stamp)?.counter)).toEqual([3, 4]);
  });

  it("a new mutation's id is its stamp: unique to this phone's database, no random bytes on the wire", async () => {
    await save(household('h1'), [person('p1', 'h1', 'A')], 'v1', T1);
    await save(household('h1', { fiber: true }), [], 'v2', T2);
    const rows = await pendingInOrder(db, 10);
    expect(rows.map((r) => r.id)).toEqual(rows.map((r) => r.stamp));
    expect(new Set(rows.map((r) => r.id)).size).toBe(5);
  });

  it('pending rows after a stamp: the ones made later, in order (the push reads on from its last batch)', async () => {
    await save(household('h1'), [person('p1', 'h1', 'A')], 'v1', T1);
    await save(household('h1', { fiber: true }), [], 'v2', T2);
    const all = await pendingInOrder(db, 10);
    expect((await pendingInOrder(db, 10, all[1]?.stamp)).map((r) => r.id)).toEqual(all.slice(2).map((r) => r.id));
    expect((await pendingInOrder(db, 2, all[0]?.stamp)).map((r) => r.id)).toEqual(all.slice(1, 3).map((r) => r.id));
    expect(await pendingInOrder(db, 10, all.at(-1)?.stamp)).toEqual([]);
  });

  it('writes nothing, outbox included, when the save fails', async () => {
    await db.visits.add({ id: 'v1', householdId: 'other', visitedAt: T0, visitor: 'Tổ', changes: [], personIds: [], notes: '' });
    await expect(save(household('h1'), [person('p1', 'h1', 'A')], 'v1')).rejects.toThrow();
    expect([await db.households.count(), await db.people.count(), await db.outbox.count()]).toEqual([0, 0, 0]);
    expect((await readSyncState(db))?.lastStamp).toBeUndefined();
  });

  it('leaves no outbox row without its change: a change made outside saveHousehold cannot be half-written', async () => {
    await save(household('h1'), [person('p1', 'h1', 'A')], 'v1');
    const rows = await db.outbox.toArray();
    expect(rows.every((r) => r.bytes === new TextEncoder().encode(JSON.stringify(r.mutation)).length && r.householdId === 'h1' && r.status === 'pending')).toBe(true);
  });

  it('keeps who saved on the rows, outside the records the screens get', async () => {
    await save(household('h1'), [person('p1', 'h1', 'A')], 'v1');
    expect(await householdAuthors(db, 'h1')).toEqual({ household: 'Lò Văn Tổ', people: new Map([['p1', 'Lò Văn Tổ']]) });
    expect(await getHousehold(db, 'h1')).not.toHaveProperty('household.updatedBy');
  });
});

describe('withdrawConsent scrubs the outbox', () => {
  beforeEach(async () => {
    const a = person('p1', 'h1', 'Nguyễn Văn A');
    const b = person('p2', 'h1', 'Trần Thị Bích');
    await save(household('h1'), [a, b], 'v1', T1);
    await save(household('h1', { fiber: true }), [a, { ...b, vneid: 'l2_active', phone: 'smartphone' }], 'v2', T2);
    const refused = (await pendingInOrder(db, 100)).find((r) => r.entityId === 'p2');
    if (refused === undefined) throw new Error('no mutation for p2');
    await acknowledge(db, [{ id: refused.id, status: 'rejected', reason: 'ngoài phạm vi' }]);
    await withdrawConsent(db, { personId: 'p2', visitId: 'v3', visitor: 'Lò Văn Tổ', now: '2026-03-04T08:00:00.000Z' });
  });

  it('nothing about the person is left to send, refused changes included', async () => {
    const everything = JSON.stringify(await db.outbox.toArray());
    expect(['Bích', 'Trần', 'smartphone', 'l2_active'].filter((s) => everything.includes(s))).toEqual([]);
    const p2 = (await db.outbox.toArray()).filter((r) => r.entityId === 'p2');
    expect(p2.map((r) => [r.mutation.op, r.mutation.fields, r.status])).toEqual([['delete', {}, 'pending']]);
  });

  it('sends the delete and the withdrawal visit, and keeps the others\' changes', async () => {
    expect((await outbox()).map((m) => `${m.entity}:${m.entityId}:${m.op}`)).toEqual([
      'household:h1:upsert',
      'person:p1:upsert',
      'household:h1:upsert',
      'person:p2:delete',
      'visit:v3:upsert',
      // Scrubbed visits go again under new ids, after the delete (see scrubPersonFromOutbox).
      'visit:v1:upsert',
      'visit:v2:upsert',
    ]);
    const v1 = (await outbox()).find((m) => m.entityId === 'v1');
    expect(v1?.fields.personIds).toEqual(['p1']);
    const row = await db.outbox.get(v1?.id ?? '');
    expect(row?.bytes).toBe(new TextEncoder().encode(JSON.stringify(row?.mutation)).length);
  });
});

describe('acknowledgements and what the screens show', () => {
  it('applied and duplicate leave the outbox and count; rejected stays with its reason', async () => {
    await save(household('h1'), [person('p1', 'h1', 'A')], 'v1');
    await save(household('h2'), [], 'v2');
    const [h1, p1, v1, h2, v2] = await pendingInOrder(db, 10);
    if (!h1 || !p1 || !v1 || !h2 || !v2) throw new Error('mutations missing');
    expect(await householdSyncStatus(db, ['h1', 'h2', 'h3'])).toEqual(new Map([['h1', { state: 'local' }], ['h2', { state: 'local' }], ['h3', { state: 'confirmed' }]]));

    const acked = await acknowledge(db, [
      { id: h1.id, status: 'applied' },
      { id: p1.id, status: 'duplicate' },
      { id: v1.id, status: 'applied' },
      { id: h2.id, status: 'rejected', reason: 'Thôn T1 ngoài phạm vi' },
      { id: 'unknown', status: 'applied' },
    ]);
    expect(acked).toEqual({ confirmed: 3, rejected: 1 });
    expect(await outboxSummary(db)).toEqual({ pending: 1, rejected: 1 });
    expect(await confirmedCount(db)).toBe(3);
    expect(await householdSyncStatus(db, ['h1', 'h2'])).toEqual(new Map([['h1', { state: 'confirmed' }], ['h2', { state: 'rejected', reasons: ['Thôn T1 ngoài phạm vi'] }]]));
    // The same answer again (a retried batch) counts nothing twice.
    await acknowledge(db, [{ id: h1.id, status: 'duplicate' }]);
    expect(await confirmedCount(db)).toBe(3);
  });
});

describe('refused changes, sent again', () => {
  it('after a correcting save: a new mutation with the same fields and the values held now; the refused one leaves', async () => {
    await save(household('h1', { houseNumber: '7' }), [], 'v1');
    const [created] = await pendingInOrder(db, 10);
    if (created === undefined) throw new Error('no mutation');
    await acknowledge(db, [{ id: created.id, status: 'rejected', reason: 'hamletCode ngoài phạm vi' }]);
    await save(household('h1', { houseNumber: '7', hamletCode: 'T2' }), [], 'v2', T2);

    const rows = await pendingInOrder(db, 10);
    expect(rows.some((r) => r.id === created.id)).toBe(false);
    const again = rows.find((r) => r.mutation.entity === 'household' && Object.keys(r.mutation.fields).length > 3);
    expect(again?.mutation).toMatchObject({ entityId: 'h1', hamletCode: 'T2', stamp: created.stamp, fields: { ...created.mutation.fields, hamletCode: 'T2', updatedAt: T2 } });
    expect(again?.id).not.toBe(created.id);
    expect(mutationProblem(again?.mutation ?? created.mutation)).toBeUndefined();
    expect(await householdSyncStatus(db, ['h1'])).toEqual(new Map([['h1', { state: 'local' }]]));
  });

  it('drops a refused change that a later save entirely overtook, and sends again one it did not', async () => {
    await save(household('h1'), [], 'v1', T0);
    await db.outbox.clear();
    await save(household('h1', { houseNumber: '7', fiber: true }), [], 'v2', T1);
    const [refused] = await pendingInOrder(db, 10);
    await acknowledge(db, [{ id: refused?.id ?? '', status: 'rejected', reason: 'Số nhà không có trong danh sách' }]);

    await save(household('h1', { houseNumber: '8', fiber: true }), [], 'v3', T2);
    const [again, ...rest] = (await outbox()).filter((m) => m.entity === 'household');
    // fiber was not in the later save: it goes again, with the values held now.
    expect([again?.fields, again?.stamp, again?.id === refused?.id]).toEqual([{ houseNumber: '8', fiber: true, updatedAt: T2 }, refused?.stamp, false]);
    expect(rest.map(shape)).toEqual(['household:h1:upsert houseNumber,updatedAt']);

    const [second] = (await pendingInOrder(db, 10)).filter((r) => r.mutation.entity === 'household');
    await acknowledge(db, [{ id: second?.id ?? '', status: 'rejected', reason: 'Số nhà không có trong danh sách' }]);
    await save(household('h1', { houseNumber: '9', fiber: true }), [], 'v4', '2026-03-04T08:00:00.000Z');
    await acknowledge(db, [{ id: rest[0]?.id ?? '', status: 'applied' }]);
    // houseNumber, fiber, updatedAt: not all set again by the save of houseNumber alone.
    expect((await outbox()).filter((m) => m.entity === 'household').map(shape)).toEqual([
      'household:h1:upsert fiber,houseNumber,updatedAt',
      'household:h1:upsert houseNumber,updatedAt',
    ]);
  });

  it('drops a refused change when every field it set was saved again', async () => {
    await save(household('h1'), [], 'v1', T0);
    await db.outbox.clear();
    await save(household('h1', { houseNumber: '7' }), [], 'v2', T1);
    const [refused] = await pendingInOrder(db, 10);
    await acknowledge(db, [{ id: refused?.id ?? '', status: 'rejected', reason: 'Số nhà không có trong danh sách' }]);
    await save(household('h1', { houseNumber: '8' }), [], 'v3', T2);
    expect((await outbox()).filter((m) => m.entity === 'household').map((m) => m.fields)).toEqual([{ houseNumber: '8', updatedAt: T2 }]);
    expect(await outboxSummary(db)).toEqual({ pending: 3, rejected: 0 });
  });

  it('retryRejected sends refused changes again without a new save', async () => {
    await save(household('h1'), [], 'v1');
    const rows = await pendingInOrder(db, 10);
    await acknowledge(db, rows.map((r) => ({ id: r.id, status: 'rejected' as const, reason: 'Máy chủ tạm từ chối' })));
    expect(await retryRejected(db, 'h1')).toBe(2);
    expect(await outboxSummary(db)).toEqual({ pending: 2, rejected: 0 });
    expect((await outbox()).map((m) => m.stamp)).toEqual(rows.map((r) => r.stamp));
  });
});
