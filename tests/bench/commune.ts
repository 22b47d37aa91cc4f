// The households every benchmark works on: the seeded fixture commune (tests/fixtures/commune.ts)
// placed in the demo commune the server creates on an empty data folder, four people a
// household, so 10,000 households are 40,000 people as the issue asks.
import { DEMO_AREAS, DEMO_COMMUNE_CODE } from '../../src/domain/demo-commune';
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
