// What the lead's screens compute from: the commune's households, people and visits as they are
// on this phone, read in one transaction so that the three agree (the report, figures of an
// earlier moment); and for "Ai cần thăm tiếp", only the households lacking an indicator, found
// by their follow-up keys (tallies.ts), and the people of those on screen.
import { followUpRange } from '../domain/follow-up-keys';
import type { Household } from '../domain/household';
import type { Indicator } from '../domain/indicators';
import type { Visit } from '../domain/visit';
import type { NgoSoDb } from './database';
import { listCommuneHouseholds, stripIndex, withPeople, type HouseholdRecord } from './households';

export type CommuneRecords = { records: HouseholdRecord[]; visits: Visit[] };

export async function loadCommuneRecords(db: NgoSoDb, communeCode: string): Promise<CommuneRecords> {
  return db.transaction('r', db.households, db.people, db.visits, async () => {
    const records = await listCommuneHouseholds(db, communeCode);
    const ids = records.map((r) => r.household.id);
    const visits = ids.length === 0 ? [] : await db.visits.where('householdId').anyOf(ids).toArray();
    return { records, visits };
  });
}

/** The households of these hamlets with someone (or the household itself) lacking `indicator` in `year`; no people read. */
export async function loadFollowUpHouseholds(
  db: NgoSoDb,
  input: { communeCode: string; hamletCodes: readonly string[]; indicator: Indicator; year: number },
): Promise<Household[]> {
  const { communeCode, hamletCodes, indicator, year } = input;
  return db.transaction('r', db.householdFacts, db.households, async () => {
    const ids = new Set<string>();
    for (const hamletCode of hamletCodes) {
      const [from, to] = followUpRange(communeCode, hamletCode, indicator, year);
      if (from > to) continue;
      for (const id of await db.householdFacts.where('followUpKeys').between(from, to, true, true).primaryKeys()) ids.add(id);
    }
    const stored = await db.households.bulkGet([...ids]);
    return stored.flatMap((h) => (h === undefined ? [] : [stripIndex(h)]));
  });
}

/** These households with their people as stored now (the page of the follow-up list on screen). */
export async function loadHouseholdRecords(db: NgoSoDb, householdIds: readonly string[]): Promise<HouseholdRecord[]> {
  return db.transaction('r', db.households, db.people, async () => {
    const stored = await db.households.bulkGet([...householdIds]);
    return withPeople(db, stored.flatMap((h) => (h === undefined ? [] : [h])));
  });
}
