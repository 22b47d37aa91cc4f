// A person who withdraws consent is erased on the server: their data is deleted (not hidden,
// not even in the file's free pages), visits forget them, phones learn it from a tombstone,
// and nothing about them is taken afterwards. A real SQLite file in a temporary folder.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncedRecord } from '../../domain/sync-protocol';
import { DATABASE_FILE, openSqliteStore } from './sqlite-store';
import type { SyncStore } from './store';
import {
  LAN, MINH, MINUTE, NOW, T0, WHOLE_COMMUNE,
  createHousehold, createPerson, editPerson, mutation, personFields, visitFields,
} from './test-mutations';

const WITHDRAWN = 'Lưu Thị Rút';
const STAYS = 'Hoàng Văn Ở';

let dir = '';
let store: SyncStore;

const withdraw = (id = 'm-del') => mutation({ id, entity: 'person', entityId: 'p1', op: 'delete', stamp: editPerson('x', 'p1', {}, T0 + 10 * MINUTE).stamp });

const bothVisit = () => ({
  ...visitFields('p1'),
  changes: [
    { personId: 'p1', field: 'added', from: null, to: WITHDRAWN },
    { personId: 'p2', field: 'added', from: null, to: STAYS },
    { field: 'fiber', from: false, to: true },
  ],
  personIds: ['p1', 'p2'],
});

async function records(): Promise<SyncedRecord[]> {
  return (await store.pull(WHOLE_COMMUNE, 0, 100)).records;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ngo-so-erase-'));
  store = openSqliteStore(join(dir, DATABASE_FILE));
  await store.push(LAN, [
    createHousehold(),
    createPerson('m-p1', 'p1', { fields: personFields(undefined, WITHDRAWN) }),
    createPerson('m-p2', 'p2', { fields: personFields(undefined, STAYS) }),
    editPerson('m-p1-edit', 'p1', { vneid: 'l1_active' }, T0 + MINUTE),
    mutation({ id: 'm-v1', entity: 'visit', entityId: 'v1', fields: bothVisit() }),
  ], NOW);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('withdrawing consent', () => {
  it('leaves a tombstone in place of the person, and the rest of the household as it was', async () => {
    expect(await store.push(LAN, [withdraw()], NOW)).toEqual([{ id: 'm-del', status: 'applied' }]);
    const all = await records();
    expect(all.find((r) => r.id === 'p1')).toEqual({ entity: 'person', id: 'p1', deleted: true });
    expect(all.find((r) => r.id === 'p2')).toMatchObject({ deleted: false, record: { name: STAYS } });
  });

  it('removes the person from stored visits, and serves those visits again', async () => {
    const before = await store.pull(WHOLE_COMMUNE, 0, 100);
    await store.push(LAN, [withdraw()], NOW);
    const changed = (await store.pull(WHOLE_COMMUNE, Number.MAX_SAFE_INTEGER, 100)).records;
    expect(changed).toEqual([]);
    const after = await store.pull(WHOLE_COMMUNE, before.lastSeq, 100);
    expect(after.records.map((r) => r.id).sort()).toEqual(['p1', 'v1']);
    expect(after.records.find((r) => r.id === 'v1')).toMatchObject({
      record: { personIds: ['p2'], changes: [{ personId: 'p2', field: 'added', from: null, to: STAYS }, { field: 'fiber', from: false, to: true }] },
    });
  });

  it('deletes every byte of their data from the database file and its WAL, at once', async () => {
    await store.push(LAN, [withdraw()], NOW);
    const files = (await readdir(dir)).filter((f) => f.startsWith(DATABASE_FILE));
    for (const file of files) {
      const bytes = await readFile(join(dir, file));
      expect(bytes.includes(Buffer.from(WITHDRAWN, 'utf8')), file).toBe(false);
    }
    const kept = await Promise.all(files.map((f) => readFile(join(dir, f))));
    expect(kept.some((bytes) => bytes.includes(Buffer.from(STAYS, 'utf8')))).toBe(true);
  });

  it('refuses later changes to the person, in plain words, and does not bring them back', async () => {
    await store.push(LAN, [withdraw()], NOW);
    const late = editPerson('m-late', 'p1', { vneid: 'l2_active' }, T0 + 20 * MINUTE, 'phone-minh');
    const retry = createPerson('m-p1', 'p1', { fields: personFields(undefined, WITHDRAWN) });
    const results = await store.push(MINH, [late, retry, withdraw('m-del-again')], NOW);
    expect(results).toEqual([
      { id: 'm-late', status: 'rejected', reason: expect.stringMatching(/đã rút lại đồng ý/) },
      { id: 'm-p1', status: 'duplicate' },
      { id: 'm-del-again', status: 'applied' },
    ]);
    expect((await records()).find((r) => r.id === 'p1')).toEqual({ entity: 'person', id: 'p1', deleted: true });
  });

  it('takes a visit that arrives afterwards without the person in it', async () => {
    await store.push(LAN, [withdraw()], NOW);
    await store.push(MINH, [mutation({ id: 'm-v2', entity: 'visit', entityId: 'v2', fields: bothVisit() })], NOW);
    const v2 = (await records()).find((r) => r.id === 'v2');
    expect(v2).toMatchObject({ record: { personIds: ['p2'] } });
    expect(JSON.stringify(v2)).not.toContain(WITHDRAWN);
  });

  it('erases a person the server never had, so their record can never arrive later', async () => {
    const neverSeen = mutation({ id: 'm-del-p9', entity: 'person', entityId: 'p9', op: 'delete' });
    expect(await store.push(LAN, [neverSeen], NOW)).toEqual([{ id: 'm-del-p9', status: 'applied' }]);
    const [create] = await store.push(MINH, [createPerson('m-p9', 'p9')], NOW);
    expect(create).toMatchObject({ status: 'rejected' });
    expect((await records()).find((r) => r.id === 'p9')).toEqual({ entity: 'person', id: 'p9', deleted: true });
  });

  it('is refused for a household or a visit', async () => {
    const [result] = await store.push(LAN, [mutation({ id: 'm-del-h', entity: 'household', entityId: 'ho-1', op: 'delete' })], NOW);
    expect(result).toEqual({ id: 'm-del-h', status: 'rejected', reason: 'Chỉ xoá được nhân khẩu (khi rút lại đồng ý)' });
  });
});
