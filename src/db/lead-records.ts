// What the lead's screens compute from: the commune's households, people and visits as they are
// on this phone, read in one transaction so that the three agree (the report, figures of an
// earlier moment); and for "Ai cần thăm tiếp", only the households lacking an indicator, found
// by their follow-up keys (tallies.ts), and the people of those on screen.
import { followUpRange } from '../domain/follow-up-keys';
import type { Indicator } from '../domain/indicators';
import type { Visit } from '../domain/visit';
import type { HouseholdPlace, NgoSoDb } from './database';
import { byName, listCommuneHouseholds, stripAuthor, stripIndex, type HouseholdRecord } from './households';

export type CommuneRecords = { records: HouseholdRecord[]; visits: Visit[] };

export async function loadCommuneRecords(db: NgoSoDb, communeCode: string): Promise<CommuneRecords> {
  return db.transaction('r', db.households, db.people, db.visits, async () => {
    const records = await listCommuneHouseholds(db, communeCode);
    const ids = records.map((r) => r.household.id);
    const visits = ids.length === 0 ? [] : await db.visits.where('householdId').anyOf(ids).toArray();
    return { records, visits };
  });
}

/**
 * Where the households of these hamlets with someone (or the household itself) lacking
 * `indicator` in `year` are, and what they sort by: one read per hamlet, no household or person read.
 */
export async function loadFollowUpPlaces(
  db: NgoSoDb,
  input: { communeCode: string; hamletCodes: readonly string[]; indicator: Indicator; year: number },
): Promise<HouseholdPlace[]> {
  const { communeCode, hamletCodes, indicator, year } = input;
  return db.transaction('r', db.followUps, async () => {
    const places = new Map<string, HouseholdPlace>();
    for (const hamletCode of hamletCodes) {
      const [from, to] = followUpRange(communeCode, hamletCode, indicator, year);
      if (from > to) continue;
      // A household is listed once per birth year it has someone lacking it in.
      for (const entry of await db.followUps.where('keys').between(from, to, true, true).toArray()) places.set(entry.householdId, entry.place);
    }
    return [...places.values()];
  });
}

/** These households with their people as stored now (the page of the follow-up list on screen). */
export async function loadHouseholdRecords(db: NgoSoDb, householdIds: readonly string[]): Promise<HouseholdRecord[]> {
  return db.transaction('r', db.households, db.people, async () => {
    // One request per household, all sent at once: a few hundred steps of one cursor take longer.
    const [stored, people] = await Promise.all([
      db.households.bulkGet([...householdIds]),
      Promise.all(householdIds.map((id) => db.people.where('householdId').equals(id).toArray())),
    ]);
    return stored.flatMap((h, i) => (h === undefined ? [] : [{ household: stripIndex(h), people: (people[i] ?? []).map(stripAuthor).sort(byName) }]));
  });
}
