// The store's file: pulls page through changes in order, everything survives a close and a
// reopen, commits are durable, and the schema version only moves forward.
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configure, SCHEMA_VERSION } from './sqlite-schema';
import { DATABASE_FILE, openSqliteStore } from './sqlite-store';
import { LAN, MINUTE, NOW, T0, WHOLE_COMMUNE, createHousehold, createPerson, editPerson } from './test-mutations';

let dir = '';
const file = () => join(dir, DATABASE_FILE);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ngo-so-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const people = (count: number) => Array.from({ length: count }, (_, i) => createPerson(`m-p${i}`, `p${i}`));

describe('pulling', () => {
  it('pages through every change in order, then waits at the end', async () => {
    const store = openSqliteStore(file());
    await store.push(LAN, [createHousehold(), ...people(24)], NOW);
    const pages = [];
    let after = 0;
    for (;;) {
      const page = await store.pull(WHOLE_COMMUNE, after, 10);
      pages.push(page.records.length);
      after = page.lastSeq;
      if (!page.more) break;
    }
    expect(pages).toEqual([10, 10, 5]);
    expect(await store.pull(WHOLE_COMMUNE, after, 10)).toEqual({ records: [], lastSeq: after, more: false });

    await store.push(LAN, [editPerson('m-edit', 'p7', { phone: 'smartphone' }, T0 + MINUTE)], NOW);
    const next = await store.pull(WHOLE_COMMUNE, after, 10);
    expect(next.records).toMatchObject([{ entity: 'person', id: 'p7', record: { phone: 'smartphone' } }]);
    expect(next.lastSeq).toBeGreaterThan(after);
    await store.close();
  });

  it('skips an incomplete record without holding back the ones after it', async () => {
    const store = openSqliteStore(file());
    await store.push(LAN, [editPerson('m-early', 'p-early', { vneid: 'l1_active' }, T0), createHousehold()], NOW);
    const page = await store.pull(WHOLE_COMMUNE, 0, 1);
    expect(page.records.map((r) => r.id)).toEqual(['ho-1']);
    expect(page.more).toBe(false);
    await store.close();
  });

  it('gives nothing of another commune', async () => {
    const store = openSqliteStore(file());
    await store.push(LAN, [createHousehold()], NOW);
    expect((await store.pull({ communeCode: 'XA-KHAC', hamletCodes: null }, 0, 10)).records).toEqual([]);
    await store.close();
  });
});

describe('the database file', () => {
  it('keeps everything through a close and a reopen, retries included', async () => {
    const first = openSqliteStore(file());
    await first.push(LAN, [createHousehold(), ...people(3)], NOW);
    const before = await first.pull(WHOLE_COMMUNE, 0, 100);
    const id = first.databaseId;
    await first.close();

    const again = openSqliteStore(file());
    expect(again.databaseId).toBe(id);
    expect(await again.pull(WHOLE_COMMUNE, 0, 100)).toEqual(before);
    expect(await again.push(LAN, [createPerson('m-p1', 'p1')], NOW)).toEqual([{ id: 'm-p1', status: 'duplicate' }]);
    await again.push(LAN, [createPerson('m-p9', 'p9')], NOW);
    expect((await again.pull(WHOLE_COMMUNE, before.lastSeq, 100)).records.map((r) => r.id)).toEqual(['p9']);
    await again.close();
  });

  it('is written through a WAL, with every commit synced to disk, erased content zeroed, and temporary data in memory', () => {
    const db = new Database(file());
    configure(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.close();
  });

  it('carries its schema version, and a server too old for a file refuses to open it', async () => {
    await openSqliteStore(file()).close();
    const db = new Database(file());
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openSqliteStore(file())).toThrow(/written by a newer version of Ngõ Số/);
  });

  it('gets a new id when it is made anew, so old cursors start over', async () => {
    const first = openSqliteStore(file());
    const id = first.databaseId;
    await first.close();
    await rm(file());
    const fresh = openSqliteStore(file());
    expect(fresh.databaseId).not.toBe(id);
    expect(fresh.databaseId).toMatch(/^[0-9a-f-]{36}$/);
    await fresh.close();
  });
});
