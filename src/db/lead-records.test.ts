import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newHousehold } from '../domain/household';
import { newPerson } from '../domain/person';
import { openDatabase, type NgoSoDb } from './database';
import { saveHousehold } from './households';
import { loadCommuneRecords } from './lead-records';

const consent = { givenBy: 'self' as const, givenAt: '2026-01-01T00:00:00Z', recordedBy: 'Tổ', textVersion: 'v1' };

describe('loadCommuneRecords', () => {
  let db: NgoSoDb;
  beforeEach(async () => {
    db = openDatabase(`lead-records-${Math.random()}`);
    await db.open();
  });
  afterEach(async () => {
    db.close();
  });

  it("reads the commune's households, their people and their visits, and nothing of another commune", async () => {
    for (const [id, commune] of [['h1', 'X'], ['h2', 'X'], ['h3', 'Y']] as const) {
      const household = { ...newHousehold({ id, communeCode: commune, hamletCode: `${commune}-T1`, createdAt: '2026-02-01T00:00:00Z' }), headName: `Chủ hộ ${id}` };
      const people = [newPerson({ id: `${id}-p`, householdId: id, name: 'Lò Thị Ngọc', birthYear: 1990, consent, updatedAt: '2026-02-01T00:00:00Z' })];
      await saveHousehold(db, { household, people, visitId: `v-${id}`, visitor: 'Tổ', notes: '', now: '2026-02-01T03:00:00Z' });
    }
    const { records, visits } = await loadCommuneRecords(db, 'X');
    expect(records.map((r) => [r.household.id, r.people.map((p) => p.name)]).sort()).toEqual([['h1', ['Lò Thị Ngọc']], ['h2', ['Lò Thị Ngọc']]]);
    expect(visits.map((v) => v.id).sort()).toEqual(['v-h1', 'v-h2']);
    expect(await loadCommuneRecords(db, 'Z')).toEqual({ records: [], visits: [] });
  });
});
