// The store applies each mutation at most once and on its own: retries, reused ids, invalid
// fields, updates that overtake their create, scope, visits. Real SQLite, in memory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncedRecord } from '../../domain/sync-protocol';
import { openSqliteStore } from './sqlite-store';
import type { Scope, SyncStore } from './store';
import {
  COMMUNE, HAMLET, HOUSEHOLD, LAN, MINH, MINUTE, NOW, T0, WHOLE_COMMUNE,
  createHousehold, createPerson, editPerson, householdFields, mutation, stampAt, visitFields,
} from './test-mutations';

let store: SyncStore;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

async function pullAll(scope: Scope = WHOLE_COMMUNE): Promise<SyncedRecord[]> {
  return (await store.pull(scope, 0, 2000)).records;
}

async function recordOf(entity: SyncedRecord['entity'], id: string): Promise<Record<string, unknown> | undefined> {
  const found = (await pullAll()).find((r) => r.entity === entity && r.id === id);
  return found === undefined || found.deleted ? undefined : { ...found.record, updatedBy: found.updatedBy };
}

describe('a push', () => {
  it('applies a new household and serves it complete, with who saved it', async () => {
    expect(await store.push(LAN, [createHousehold()], NOW)).toEqual([{ id: 'm-ho-1', status: 'applied' }]);
    expect(await recordOf('household', HOUSEHOLD)).toMatchObject({ id: HOUSEHOLD, headName: 'Nguyễn Văn An', updatedBy: 'Chị Lan' });
  });

  it('acknowledges a retry as a duplicate and changes nothing', async () => {
    await store.push(LAN, [createHousehold(), createPerson('m-p1', 'p1')], NOW);
    const before = await store.pull(WHOLE_COMMUNE, 0, 100);
    const again = await store.push(LAN, [createHousehold(), createPerson('m-p1', 'p1')], NOW + MINUTE);
    expect(again).toEqual([
      { id: 'm-ho-1', status: 'duplicate' },
      { id: 'm-p1', status: 'duplicate' },
    ]);
    expect(await store.pull(WHOLE_COMMUNE, 0, 100)).toEqual(before);
  });

  it('takes a retry from another user of the same change as a duplicate too', async () => {
    await store.push(LAN, [createHousehold()], NOW);
    expect(await store.push(MINH, [createHousehold()], NOW)).toEqual([{ id: 'm-ho-1', status: 'duplicate' }]);
  });

  it('refuses a reused id with other content, alone, while the rest of the batch applies', async () => {
    await store.push(LAN, [createHousehold()], NOW);
    const reused = { ...createPerson('m-ho-1', 'p1') };
    const results = await store.push(LAN, [createPerson('m-p1', 'p1'), reused, createPerson('m-p2', 'p2')], NOW);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(results[1]).toMatchObject({ reason: expect.stringMatching(/đã được dùng cho một thay đổi khác/) });
    expect((await pullAll()).map((r) => r.id).sort()).toEqual([HOUSEHOLD, 'p1', 'p2']);
  });

  it.each([
    ['birthYear', 1800, /^birthYear: Năm sinh phải từ 1900/],
    ['vneid', 'level_9', /^vneid: Chọn một giá trị/],
    ['skills', ['cooking'], /^skills: Chọn một giá trị/],
    ['nickname', 'Bé', /^Trường không hợp lệ: nickname/],
    ['id', 'other', /^Trường không hợp lệ: id/],
  ])('refuses a person whose %s is %j, naming the field', async (field, value, reason) => {
    const results = await store.push(LAN, [createHousehold(), editPerson('m-bad', 'p1', { [field]: value }, T0), createPerson('m-p2', 'p2')], NOW);
    expect(results[1]).toEqual({ id: 'm-bad', status: 'rejected', reason: expect.stringMatching(reason) });
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
  });

  it('refuses a stamp it cannot order', async () => {
    const [result] = await store.push(LAN, [{ ...createHousehold(), stamp: 'tomorrow' }], NOW);
    expect(result).toEqual({ id: 'm-ho-1', status: 'rejected', reason: 'Dấu thời gian của thay đổi không hợp lệ' });
  });

  it('takes a refused mutation again once it is corrected, under the same id', async () => {
    const bad = editPerson('m-p1', 'p1', { ...createPerson('x', 'p1').fields, birthYear: 1800 }, T0);
    expect((await store.push(LAN, [bad], NOW))[0]?.status).toBe('rejected');
    expect(await store.push(LAN, [createPerson('m-p1', 'p1')], NOW)).toEqual([{ id: 'm-p1', status: 'applied' }]);
  });
});

describe('an update that reaches the server before its record', () => {
  it('is kept, not served, and completes the record when the create arrives', async () => {
    const update = editPerson('m-edit', 'p1', { vneid: 'l1_active', phone: 'smartphone' }, T0 + MINUTE, 'phone-minh');
    expect(await store.push(MINH, [update], NOW)).toEqual([{ id: 'm-edit', status: 'applied' }]);
    expect(await pullAll()).toEqual([]);

    expect(await store.push(LAN, [createPerson('m-create', 'p1')], NOW)).toEqual([{ id: 'm-create', status: 'applied' }]);
    expect(await recordOf('person', 'p1')).toMatchObject({ name: 'Trần Thị Bình', vneid: 'l1_active', phone: 'smartphone', updatedBy: 'Anh Minh' });
  });
});

describe('scope', () => {
  const T1_ONLY: Scope = { communeCode: COMMUNE, hamletCodes: [HAMLET] };
  const inT2 = (m: ReturnType<typeof mutation>) => ({ ...m, hamletCode: 'DEMO-T2' });

  it('refuses a record of another commune', async () => {
    const [result] = await store.push(LAN, [{ ...createHousehold(), communeCode: 'XA-KHAC' }], NOW);
    expect(result).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/thuộc xã XA-KHAC, ngoài phạm vi/) });
  });

  it('refuses a household whose own communeCode names another commune', async () => {
    const m = createHousehold();
    const [result] = await store.push(LAN, [{ ...m, fields: { ...m.fields, communeCode: 'XA-KHAC' } }], NOW);
    expect(result).toMatchObject({ status: 'rejected', reason: 'communeCode không khớp với xã của lệnh' });
  });

  it('refuses a person claimed for this commune when the server has their household in another', async () => {
    const other = { ...LAN, scope: { communeCode: 'XA-KHAC', hamletCodes: null } };
    await store.push(other, [{ ...createHousehold(), communeCode: 'XA-KHAC', fields: { ...createHousehold().fields, communeCode: 'XA-KHAC' } }], NOW);
    const [result] = await store.push(LAN, [createPerson('m-p1', 'p1')], NOW);
    expect(result).toMatchObject({ status: 'rejected', reason: 'Hộ này đã có trên máy chủ ở một xã khác' });
  });

  it('keeps a caller limited to some hamlets inside them, for writes and for pulls', async () => {
    const t1Member = { ...LAN, scope: T1_ONLY };
    const inT2Household = mutation({ id: 'm-ho-2', entity: 'household', entityId: 'ho-2', hamletCode: 'DEMO-T2', fields: householdFields('ho-2', 'DEMO-T2') });
    expect((await store.push(LAN, [createHousehold(), inT2Household], NOW)).map((r) => r.status)).toEqual(['applied', 'applied']);
    const [refused] = await store.push(t1Member, [inT2(createPerson('m-p9', 'p9', { householdId: 'ho-2', fields: { ...createPerson('x', 'p9').fields, householdId: 'ho-2' } }))], NOW);
    expect(refused).toMatchObject({ status: 'rejected', reason: 'Thôn DEMO-T2 nằm ngoài phạm vi của tài khoản này' });
    const sneaky = createPerson('m-p8', 'p8', { householdId: 'ho-2', fields: { ...createPerson('x', 'p8').fields, householdId: 'ho-2' } });
    expect((await store.push(t1Member, [sneaky], NOW))[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/thôn ngoài phạm vi/) });
    expect((await pullAll(T1_ONLY)).map((r) => r.id)).toEqual([HOUSEHOLD]);
  });

  it('moves people and visits with their household when it changes hamlet', async () => {
    await store.push(LAN, [createHousehold(), createPerson('m-p1', 'p1')], NOW);
    const moved = mutation({ id: 'm-move', entity: 'household', entityId: HOUSEHOLD, hamletCode: 'DEMO-T2', fields: { hamletCode: 'DEMO-T2' }, stamp: stampAt(T0 + MINUTE) });
    expect(await store.push(LAN, [moved], NOW)).toEqual([{ id: 'm-move', status: 'applied' }]);
    const t2 = await pullAll({ communeCode: COMMUNE, hamletCodes: ['DEMO-T2'] });
    expect(t2.map((r) => r.id).sort()).toEqual([HOUSEHOLD, 'p1']);
  });
});

describe('a pull', () => {
  it('says where the next page will end while yet another page follows it', async () => {
    await store.push(LAN, [createHousehold(), ...[1, 2, 3, 4].map((n) => createPerson(`m-p${n}`, `p${n}`))], NOW);
    const seqs = async (after: number) => {
      const page = await store.pull(WHOLE_COMMUNE, after, 2);
      return [page.lastSeq, page.aheadSeq];
    };
    // Five records: pages of two end at the 2nd, 4th and 5th; only the first page has a page after its next.
    const [first, ahead] = await seqs(0);
    const [second, none] = await seqs(first ?? 0);
    expect(second).toBe(ahead);
    expect(none).toBeUndefined();
    expect((await store.pull(WHOLE_COMMUNE, second ?? 0, 2)).records).toHaveLength(1);
  });
});

describe('visits', () => {
  const visit = (id: string, fields: Record<string, unknown> = visitFields('p1')) => mutation({ id, entity: 'visit', entityId: 'v1', fields });

  it('are stored whole, once: the same visit sent again under a new id changes nothing', async () => {
    expect(await store.push(LAN, [visit('m-v1')], NOW)).toEqual([{ id: 'm-v1', status: 'applied' }]);
    const page = await store.pull(WHOLE_COMMUNE, 0, 10);
    expect(await store.push(LAN, [visit('m-v1-again')], NOW)).toEqual([{ id: 'm-v1-again', status: 'applied' }]);
    expect(await store.pull(WHOLE_COMMUNE, 0, 10)).toEqual(page);
  });

  it('cannot be changed afterwards', async () => {
    await store.push(LAN, [visit('m-v1')], NOW);
    const [result] = await store.push(LAN, [visit('m-v1-edit', { ...visitFields('p1'), notes: 'sửa lại' })], NOW);
    expect(result).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/không sửa được/) });
  });

  it('must carry every field of a visit', async () => {
    const { visitedAt: _gone, ...partial } = visitFields('p1');
    const [result] = await store.push(LAN, [visit('m-v1', partial)], NOW);
    expect(result).toMatchObject({ status: 'rejected', reason: 'Lượt hỗ trợ thiếu hoặc sai trường: visitedAt' });
  });
});
