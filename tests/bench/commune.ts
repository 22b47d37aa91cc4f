// The households every benchmark works on: the seeded fixture commune (tests/fixtures/commune.ts)
// placed in the demo commune the server creates on an empty data folder, four people a
// household, so 10,000 households are 40,000 people as the issue asks.
// Before Dexie loads: recordCommune's phones are Dexie databases in fake-indexeddb.
import 'fake-indexeddb/auto';
import type { NgoSoDb } from '../../src/db/database';
import { saveHousehold } from '../../src/db/households';
import { DEMO_AREAS, DEMO_COMMUNE_CODE } from '../../src/domain/demo-commune';
import type { Person } from '../../src/domain/person';
import { fixtureCommune, type FixtureCommune } from '../fixtures/commune';

export const BENCH_SEED = 2026;
export const BENCH_PEOPLE_PER_HOUSEHOLD = 4;
export const BENCH_HAMLETS = DEMO_AREAS.filter((a) => a.level === 'hamlet').map((a) => a.code);

/** `count` households with four people each, the same for the same seed and prefix. */
export function benchCommune(count: number, idPrefix = 'bench-h', seed = BENCH_SEED): FixtureCommune {
  return fixtureCommune(seed, count, {
    communeCode: DEMO_COMMUNE_CODE,
    hamletCodes: BENCH_HAMLETS,
    peoplePerHousehold: BENCH_PEOPLE_PER_HOUSEHOLD,
    idPrefix,
  });
}

/**
 * Records a commune on a phone's database household by household, with the app's own
 * saveHousehold, so its outbox holds what a member's phone would send. Visits `stepMs` apart
 * from `startMs` (by default every half minute of 20/11/2026, as a day of door-to-door work).
 */
export async function recordCommune(
  db: NgoSoDb,
  { households, people }: FixtureCommune,
  options: { visitor: string; startMs?: number; stepMs?: number; onProgress?: (recorded: number) => void },
): Promise<void> {
  const { visitor, startMs = Date.UTC(2026, 10, 20, 1, 0, 0), stepMs = 30_000, onProgress } = options;
  const peopleOf = new Map<string, Person[]>();
  for (const p of people) peopleOf.set(p.householdId, [...(peopleOf.get(p.householdId) ?? []), p]);
  for (const [i, household] of households.entries()) {
    const now = new Date(startMs + i * stepMs).toISOString();
    await saveHousehold(db, { household, people: peopleOf.get(household.id) ?? [], visitId: `v-${household.id}`, visitor, notes: '', now });
    onProgress?.(i + 1);
  }
}
