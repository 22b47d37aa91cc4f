// What the lead's screens compute from: the commune's households, people and visits as they are
// on this phone, read in one transaction so that the three agree.
import type { Visit } from '../domain/visit';
import type { NgoSoDb } from './database';
import { listCommuneHouseholds, type HouseholdRecord } from './households';

export type CommuneRecords = { records: HouseholdRecord[]; visits: Visit[] };

export async function loadCommuneRecords(db: NgoSoDb, communeCode: string): Promise<CommuneRecords> {
  return db.transaction('r', db.households, db.people, db.visits, async () => {
    const records = await listCommuneHouseholds(db, communeCode);
    const ids = records.map((r) => r.household.id);
    const visits = ids.length === 0 ? [] : await db.visits.where('householdId').anyOf(ids).toArray();
    return { records, visits };
  });
}
