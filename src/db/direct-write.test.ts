import 'fake-indexeddb/auto';
import { Dexie, type IntervalTree, type ObservabilitySet } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T1, testHousehold, testPerson } from '../../tests/fixtures/records';
import { openDatabase, type NgoSoDb } from './database';
import { changedParts, directTransaction } from './direct-write';
import { indexed } from './households';
import { stampedRows } from './outbox';
import { freshSyncState } from './sync-state';

let db: NgoSoDb;
beforeEach(async () => {
  db = openDatabase(`ngo-so-test-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

/** A part's ranges in key order, [from, to] each: what Dexie compares with the ranges a query read. */
function ranges(tree: IntervalTree | undefined): unknown[] {
  if (tree === undefined || !('from' in tree)) return [];
  const node = tree as { from: unknown; to: unknown; l?: IntervalTree | null; r?: IntervalTree | null };
  return [...ranges(node.l ?? undefined), [node.from, node.to], ...ranges(node.r ?? undefined)];
}
const readable = (parts: ObservabilitySet) => Object.fromEntries(Object.keys(parts).sort().map((k) => [k, ranges(parts[k])]));

/** The parts Dexie itself names after a transaction of its own commits. */
async function dexieParts(write: () => Promise<unknown>): Promise<ObservabilitySet> {
  let seen: ObservabilitySet | undefined;
  const listener = (parts: ObservabilitySet) => {
    seen = parts;
  };
  Dexie.on.storagemutated.subscribe(listener);
  try {
    await write();
  } finally {
    Dexie.on.storagemutated.unsubscribe(listener);
  }
  if (seen === undefined) throw new Error('Dexie told nothing');
  return seen;
}

const h = indexed(testHousehold('h1', { headName: 'Nguyễn Văn A', houseNumber: '12' }), [testPerson('p1', 'h1', 'Nguyễn Văn A')]);
const people = [testPerson('p1', 'h1', 'Nguyễn Văn A'), testPerson('p2', 'h1', 'Trần Thị Bích')];
const outbox = stampedRows(freshSyncState('device-1'), [{ entity: 'household', entityId: 'h1', op: 'upsert', communeCode: 'X1', hamletCode: 'T1', householdId: 'h1', fields: { headName: 'A' } }], T1);

describe('changedParts', () => {
  it('names what Dexie names for the same rows added in a transaction of its own: keys, indexes (each word of a multi-entry one, compound ones)', async () => {
    const dexie = await dexieParts(() =>
      db.transaction('rw', [db.households, db.people, db.outbox, db.syncState], async () => {
        await db.households.add(h);
        await db.people.bulkAdd(people);
        await db.outbox.bulkAdd(outbox.rows);
        await db.syncState.put(freshSyncState('device-1'));
      }),
    );
    const ours: ObservabilitySet = {};
    changedParts(db, 'households', [h], ours);
    changedParts(db, 'people', people, ours);
    changedParts(db, 'outbox', outbox.rows, ours);
    changedParts(db, 'syncState', [freshSyncState('device-1')], ours);
    expect(readable(ours)).toEqual(readable(dexie));
    expect(Object.keys(ours)).toContain(`idb://${db.name}/households/searchWords`);
  });
});

describe('directTransaction', () => {
  it('keeps nothing when the work throws, and fails with its error', async () => {
    const failure = directTransaction(db, ['households', 'people'], async (tx) => {
      tx.write('households', 'put', [h]);
      await tx.get('people', 'p1');
      throw new Error('worked out wrong');
    });
    await expect(failure).rejects.toThrow('worked out wrong');
    expect(await db.households.count()).toBe(0);
  });

  it('fails with the ConstraintError of an add whose key is taken, keeping none of its writes', async () => {
    await db.people.add(people[0] ?? testPerson('p1', 'h1', 'A'));
    const failure = directTransaction(db, ['households', 'people'], async (tx) => {
      tx.write('households', 'add', [h]);
      tx.write('people', 'add', people);
      await tx.get('households', 'h1');
    });
    await expect(failure).rejects.toMatchObject({ name: 'ConstraintError' });
    expect([await db.households.count(), await db.people.count()]).toEqual([0, 1]);
  });
});
