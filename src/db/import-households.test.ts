import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../domain/csv';
import { newHousehold } from '../domain/household';
import { householdsToImport, previewImport, type ExistingHousehold, type ImportedHousehold } from '../domain/import-rows';
import { Mutation, mutationProblem } from '../domain/sync-protocol';
import { openDatabase, type NgoSoDb } from './database';
import { getHousehold, listCommuneHouseholds, saveHousehold } from './households';
import { searchHouseholds } from './search';
import { importHouseholds } from './import-households';
import { pendingInOrder } from './outbox';
import { readSyncState } from './sync-state';

const T0 = '2026-03-01T08:00:00.000Z';
const T1 = '2026-03-02T08:00:00.000Z';
const HAMLETS = [
  { code: 'T1', name: 'Thôn 1' },
  { code: 'T2', name: 'Thôn 2' },
];
const LIST = [
  'Thôn;Số nhà;Họ tên chủ hộ;Số điện thoại;Họ tên thành viên;Năm sinh',
  'Thôn 1;12;Nguyễn Văn An;0912345678;Nguyễn Văn An;1975',
  'Thôn 1;12;Nguyễn Văn An;;Trần Thị Bình;1978',
  'Thôn 1;14;Hà Văn Cường;;;',
  'Thôn 2;3;Lò Văn Dũng;;Lò Văn Dũng;1960',
].join('\n');

let db: NgoSoDb;
beforeEach(() => {
  db = openDatabase(`ngo-so-import-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

async function existing(): Promise<ExistingHousehold[]> {
  return (await listCommuneHouseholds(db, 'X1')).map((r) => r.household);
}
async function checked(csv = LIST): Promise<ImportedHousehold[]> {
  const preview = previewImport(parseCsv(csv).rows, { hamlets: HAMLETS, existing: await existing(), year: 2026 });
  expect(preview.errors).toEqual([]);
  return householdsToImport(preview);
}
let ids = 0;
const run = (households: readonly ImportedHousehold[]) =>
  importHouseholds(db, { households, communeCode: 'X1', visitor: 'Tổ trưởng Hà', now: T1, newId: () => `h${++ids}` });
const counts = async () => ({ households: await db.households.count(), outbox: await db.outbox.count(), visits: await db.visits.count(), people: await db.people.count() });

describe('importHouseholds', () => {
  beforeEach(() => {
    ids = 0;
  });

  it('writes each household with its expected members and one outbox mutation, and no person or visit', async () => {
    expect(await run(await checked())).toEqual({ ok: true, imported: 3 });
    expect(await counts()).toEqual({ households: 3, outbox: 3, visits: 0, people: 0 });
    expect((await db.households.get('h1'))?.updatedBy).toBe('Tổ trưởng Hà');
    expect(await getHousehold(db, 'h1')).toEqual({
      household: {
        ...newHousehold({ id: 'h1', communeCode: 'X1', hamletCode: 'T1', createdAt: T1 }),
        houseNumber: '12', street: '', headName: 'Nguyễn Văn An', phone: '0912345678',
        expectedMembers: [{ name: 'Nguyễn Văn An', birthYear: 1975 }, { name: 'Trần Thị Bình', birthYear: 1978 }],
      },
      people: [],
    });
    const mutations = (await pendingInOrder(db, 100)).map((r) => r.mutation);
    expect(mutations.map((m) => [m.entity, m.entityId, m.hamletCode])).toEqual([['household', 'h1', 'T1'], ['household', 'h2', 'T1'], ['household', 'h3', 'T2']]);
    for (const m of mutations) expect([Mutation.safeParse(m).success, mutationProblem(m)]).toEqual([true, undefined]);
    expect(mutations[0]?.fields.expectedMembers).toHaveLength(2);
  });

  it('makes imported households findable by the head\'s and the listed members\' names, without marks', async () => {
    await run(await checked());
    expect((await searchHouseholds(db, 'lo van dung')).map((r) => r.household.id)).toEqual(['h3']);
    expect((await searchHouseholds(db, 'tran thi binh')).map((r) => r.household.id)).toEqual(['h1']);
  });

  it('writes nothing at all when a write fails half way (all or none)', async () => {
    const stateBefore = await readSyncState(db);
    // The households are written, the stamps issued, then the outbox is full.
    vi.spyOn(db.outbox, 'bulkAdd').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    await expect(run(await checked())).rejects.toThrow('QuotaExceededError');
    expect(await counts()).toEqual({ households: 0, outbox: 0, visits: 0, people: 0 });
    expect(await readSyncState(db)).toEqual(stateBefore);
  });

  it('refuses a household id the phone already has, writing none of the others', async () => {
    await saveHousehold(db, {
      household: { ...newHousehold({ id: 'h2', communeCode: 'X1', hamletCode: 'T2', createdAt: T0 }), headName: 'Người khác' },
      people: [], visitId: 'v0', visitor: 'Tổ viên', notes: '', now: T0,
    });
    const before = await counts();
    await expect(run(await checked())).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it('refuses a household the phone already has, and writes none of the others', async () => {
    const households = await checked();
    // A sync brings one of them between the preview and the import.
    await saveHousehold(db, {
      household: { ...newHousehold({ id: 'from-sync', communeCode: 'X1', hamletCode: 'T2', createdAt: T0 }), houseNumber: '3', headName: 'LÒ VĂN DŨNG' },
      people: [], visitId: 'v0', visitor: 'Tổ viên', notes: '', now: T0,
    });
    const before = await counts();
    expect(await run(households)).toEqual({
      ok: false,
      problems: ['Dòng 5: Hộ “Lò Văn Dũng” đã có trên máy (có thể vừa đồng bộ về): hãy chọn lại tệp để xem trước lần nữa'],
    });
    expect(await counts()).toEqual(before);
  });

  it('leaves households already on the phone out of a new preview, so the rest can be imported', async () => {
    await run(await checked(LIST.split('\n').slice(0, 3).join('\n')));
    const rest = await checked();
    expect(rest.map((h) => h.headName)).toEqual(['Hà Văn Cường', 'Lò Văn Dũng']);
    expect(await run(rest)).toMatchObject({ ok: true, imported: 2 });
    expect(await db.households.count()).toBe(3);
  });

  it.each([
    ['a household the preview found on the phone', (h: ImportedHousehold[]) => [...h.slice(1), { ...h[0], existingId: 'h-old' } as ImportedHousehold], /^Dòng 2: Hộ “Nguyễn Văn An” đã có trên máy/],
    ['the same household twice', (h: ImportedHousehold[]) => [...h, { ...h[1], rows: [9] } as ImportedHousehold], /^Dòng 9: Hộ này trùng với hộ ở dòng 4/],
    ['an invalid household', (h: ImportedHousehold[]) => [...h, { ...h[1], rows: [9], headName: 'Mới', phone: '123' } as ImportedHousehold], /^Dòng 9: Số điện thoại gồm 10/],
  ])('refuses the whole import for %s, writing nothing', async (_, change, problem) => {
    const outcome = await run(change(await checked()));
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.problems).toEqual([expect.stringMatching(problem)]);
    expect(await counts()).toEqual({ households: 0, outbox: 0, visits: 0, people: 0 });
  });

  it('has nothing to do with no household', async () => {
    expect(await run([])).toEqual({ ok: false, problems: ['Không có hộ mới nào để nhập.'] });
  });
});
