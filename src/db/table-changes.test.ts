import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { testHousehold as household, testPerson as person } from '../../tests/fixtures/records';
import { openDatabase, type NgoSoDb } from './database';
import { onTablesChanged } from './table-changes';

const opened: NgoSoDb[] = [];
const open = () => {
  const db = openDatabase(`ngo-so-test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

describe('onTablesChanged', () => {
  it('calls after a committed write to a table listened to, of this database only, until stopped', async () => {
    const [db, other] = [open(), open()];
    // Opening a database says everything in it changed: not what is tested here.
    await Promise.all([db.open(), other.open()]);
    let calls = 0;
    const stop = onTablesChanged(db, ['households', 'outbox'], () => calls++);
    await db.people.put({ ...person('a', 'h1', 'Nguyễn Văn A') });
    await other.households.put({ ...household('h1'), searchWords: [] });
    expect(calls).toBe(0);
    await db.households.put({ ...household('h1'), searchWords: [] });
    expect(calls).toBe(1);
    await db.transaction('rw', db.households, db.people, async () => {
      await db.households.delete('h1');
      await db.people.delete('a');
    });
    expect(calls).toBe(2);
    stop();
    await db.households.put({ ...household('h2'), searchWords: [] });
    expect(calls).toBe(2);
  });
});
