import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newHousehold } from '../domain/household';
import { newPerson } from '../domain/person';
import { openDatabase, type NgoSoDb } from './database';
import { saveHousehold } from './households';
import { INDICATORS } from '../domain/indicators';
import { loadCommuneRecords, loadFollowUpPage } from './lead-records';
import { ensureTallies } from './tallies';

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

  it('says whether a household of the follow-up list has a stored position, for the hamlets chosen only', async () => {
    const fiber = INDICATORS.find((i) => i.id === 'fiber');
    if (fiber === undefined) throw new Error('no fiber indicator');
    const at = { lat: 21.5, lng: 105.8, accuracyM: 8, takenAt: '2026-02-01T03:00:00Z' };
    const homes = [
      { id: 'h1', hamletCode: 'X-T1', fiber: false },
      { id: 'h2', hamletCode: 'X-T1', fiber: true, location: at },
      { id: 'h3', hamletCode: 'X-T2', fiber: false, location: at },
    ];
    for (const { id, ...fields } of homes) {
      const household = { ...newHousehold({ id, communeCode: 'X', hamletCode: fields.hamletCode, createdAt: '2026-02-01T00:00:00Z' }), houseNumber: id.slice(1), ...fields };
      await saveHousehold(db, { household, people: [], visitId: `v-${id}`, visitor: 'Tổ', notes: '', now: '2026-02-01T03:00:00Z' });
    }
    await ensureTallies(db);
    const page = (hamletCodes: string[]) => loadFollowUpPage(db, { communeCode: 'X', hamletCodes, indicator: fiber, year: 2026, count: 10 });
    const seen = async (hamletCodes: string[]) => {
      const { total, located, places } = await page(hamletCodes);
      return { total, located, ids: places.map((p) => p.id) };
    };
    expect(await seen(['X-T1'])).toEqual({ total: 1, located: false, ids: ['h1'] });
    expect(await seen(['X-T1', 'X-T2'])).toEqual({ total: 2, located: true, ids: ['h1', 'h3'] });
  });
});
