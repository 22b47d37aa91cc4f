// The history in the file: since issue 6 one row a mutation (mutation_writes); rows kept one a
// field before (field_writes) still merge and are erased with the rest. A mutation that fails
// half-way leaves nothing behind, and the sequence numbers of pulls go on in order.
import type Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation } from '../../domain/sync-protocol';
import { DATABASE_FILE, openDatabase, openSqliteStore, sqliteSyncStore } from './sqlite-store';
import type { SyncStore } from './store';
import { LAN, MINH, MINUTE, NOW, T0, WHOLE_COMMUNE, createHousehold, createPerson, editPerson, mutation } from './test-mutations';

let dir = '';
let db: Database.Database;
let store: SyncStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ngo-so-history-'));
  db = openDatabase(join(dir, DATABASE_FILE));
  store = sqliteSyncStore(db);
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

/** Moves a record's writes to field_writes, one row a field, as servers before issue 6 kept them. */
function keepTheOldWay(entityId: string): void {
  db.prepare(
    `INSERT INTO field_writes (mutation_id, entity, entity_id, field, value_json, stamp, correction, user_id, made_at)
     SELECT w.mutation_id, w.entity, w.entity_id, f.key, w.fields_json -> f.key,
       w.stamp, w.correction, w.user_id, w.made_at
     FROM mutation_writes w, json_each(w.fields_json) f WHERE w.entity_id = ?`,
  ).run(entityId);
  db.prepare('DELETE FROM mutation_writes WHERE entity_id = ?').run(entityId);
}

const rowsOf = (entityId: string) => ({
  fieldWrites: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM field_writes WHERE entity_id = ?').get(entityId)?.n,
  mutationWrites: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM mutation_writes WHERE entity_id = ?').get(entityId)?.n,
});

const base = () => [createHousehold(), createPerson('m-p1', 'p1')];
const edits = () => [editPerson('m-edit', 'p1', { vneid: 'l1_active', phone: 'smartphone' }, T0 + MINUTE), editPerson('m-minh', 'p1', { phone: 'basic_4g' }, T0 + 2 * MINUTE)];

async function servedP1(on: SyncStore) {
  return (await on.pull(WHOLE_COMMUNE, 0, 100)).records.find((r) => r.id === 'p1');
}

describe('the history', () => {
  it('is one row a mutation, with every field it set', async () => {
    await store.push(LAN, base(), NOW);
    expect(rowsOf('p1')).toEqual({ fieldWrites: 0, mutationWrites: 1 });
  });

  it('merges writes kept a row a field before issue 6 with the ones after, as if all were new', async () => {
    await store.push(LAN, base(), NOW);
    keepTheOldWay('p1');
    expect(rowsOf('p1')).toMatchObject({ fieldWrites: expect.any(Number), mutationWrites: 0 });
    const [mine, minh] = edits() as [Mutation, Mutation];
    await store.push(LAN, [mine], NOW);
    await store.push(MINH, [minh], NOW);

    const reference = openSqliteStore(':memory:');
    await reference.push(LAN, [...base(), mine], NOW);
    await reference.push(MINH, [minh], NOW);
    expect(await servedP1(store)).toEqual(await servedP1(reference));
    expect(await servedP1(store)).toMatchObject({ record: { vneid: 'l1_active', phone: 'smartphone' }, updatedBy: LAN.userId });
    await reference.close();
  });

  it('erases both kinds of rows of a person who withdrew consent', async () => {
    await store.push(LAN, base(), NOW);
    keepTheOldWay('p1');
    await store.push(LAN, [edits()[0] as Mutation], NOW);
    expect(rowsOf('p1')).toEqual({ fieldWrites: expect.any(Number), mutationWrites: 1 });
    const withdraw = mutation({ id: 'm-del', entity: 'person', entityId: 'p1', op: 'delete', stamp: editPerson('x', 'p1', {}, T0 + 10 * MINUTE).stamp });
    expect(await store.push(LAN, [withdraw], NOW)).toEqual([{ id: 'm-del', status: 'applied' }]);
    expect(rowsOf('p1')).toEqual({ fieldWrites: 0, mutationWrites: 0 });
  });
});

describe('a mutation that fails half-way', () => {
  it('leaves nothing behind, the rest of the push applies, and later changes are pulled after earlier ones', async () => {
    db.exec(`CREATE TRIGGER fail_p_bad BEFORE INSERT ON entities WHEN NEW.entity_id = 'p-bad' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    const results = await store.push(LAN, [createHousehold(), createPerson('m-bad', 'p-bad'), createPerson('m-p2', 'p2')], NOW);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(rowsOf('p-bad')).toEqual({ fieldWrites: 0, mutationWrites: 0 });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM mutations WHERE id = 'm-bad'`).get()).toEqual({ n: 0 });

    db.exec('DROP TRIGGER fail_p_bad');
    const first = await store.pull(WHOLE_COMMUNE, 0, 100);
    expect(await store.push(LAN, [createPerson('m-bad', 'p-bad')], NOW)).toEqual([{ id: 'm-bad', status: 'applied' }]);
    const next = await store.pull(WHOLE_COMMUNE, first.lastSeq, 100);
    expect(first.records.map((r) => r.id)).toEqual(['ho-1', 'p2']);
    expect(next.records.map((r) => r.id)).toEqual(['p-bad']);
    const lastSeq = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'last_seq'`).get()?.value;
    expect(Number(lastSeq)).toBe(next.lastSeq);
  });
});
