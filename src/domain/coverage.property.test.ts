// Properties of the indicator engine over generated communes (seeded, so a failure names the
// seed that shows it), and a fixture commune whose figures are counted here independently.
import { describe, expect, it } from 'vitest';
import { computeCoverage } from './coverage';
import { formatCoverage } from './format-vi';
import { INDICATORS } from './indicators';
import { recordsAsOf } from './as-of';
import type { Visit } from './visit';
import { diffHousehold, assistedPeople } from './visit-changes';
import type { Person } from './person';
import { fixtureCommune, FIXTURE_HAMLETS, FIXTURE_YEAR } from '../../tests/fixtures/commune';
import { pick, seededRandom } from '../../tests/support/random';

const SEEDS = Array.from({ length: 25 }, (_, i) => 1000 + i);

describe('indicator engine properties', () => {
  it.each(SEEDS)('hamlet totals add up to the commune (seed %i)', (seed) => {
    const { households, people } = fixtureCommune(seed, 120);
    for (const row of computeCoverage({ households, people, year: FIXTURE_YEAR })) {
      const hamlets = Object.values(row.byHamlet);
      expect([hamlets.reduce((s, c) => s + c.n, 0), hamlets.reduce((s, c) => s + c.N, 0)]).toEqual([row.commune.n, row.commune.N]);
    }
  });

  it.each(SEEDS)('a person who moves out leaves every denominator (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const { households, people } = fixtureCommune(seed, 120);
    const living = people.filter((p) => p.residence === 'here');
    const mover = pick(random, living);
    const before = computeCoverage({ households, people, year: FIXTURE_YEAR });
    const after = computeCoverage({
      households,
      people: people.map((p) => (p.id === mover.id ? { ...p, residence: 'moved' as const } : p)),
      year: FIXTURE_YEAR,
    });
    before.forEach((row, i) => {
      const moved = after[i];
      if (row.indicator.population.kind === 'household' || moved === undefined) return;
      const age = FIXTURE_YEAR - mover.birthYear;
      const wasCounted = age >= row.indicator.population.minAge && (row.indicator.population.maxAge === undefined || age <= row.indicator.population.maxAge);
      expect(row.commune.N - moved.commune.N).toBe(wasCounted ? 1 : 0);
    });
  });

  it.each(SEEDS)('percentages print as the report rounds them (seed %i)', (seed) => {
    const random = seededRandom(seed);
    for (let k = 0; k < 200; k++) {
      const N = 1 + Math.floor(random() * 50000);
      const n = Math.floor(random() * (N + 1));
      // Two decimals, half away from zero, trailing zeros dropped, comma decimal mark; never 100% while someone is missing.
      const hundredths = Math.min(Math.round((n * 10000) / N), n < N ? 9999 : 10000);
      const percent = (hundredths / 100).toString().replace('.', ',');
      const ratio = `${n.toLocaleString('vi-VN')}/${N.toLocaleString('vi-VN')}`;
      expect(formatCoverage({ n, N, percent: (n / N) * 100 })).toBe(`${ratio}, đạt ${percent}%`);
    }
  });

  it.each(SEEDS)('an as-of date before a change gives the old value (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const { households, people } = fixtureCommune(seed, 60);
    const visits: Visit[] = [];
    let current: Person[] = people;
    let afterFive: Person[] = people;
    // Ten later visits, each changing statuses of one household's people.
    for (let v = 0; v < 10; v++) {
      const household = pick(random, households);
      const before = current.filter((p) => p.householdId === household.id);
      const after = before.map((p) => ({ ...p, phone: 'smartphone' as const, vneid: 'l2_active' as const, skills: ['payment' as const] }));
      const changes = diffHousehold({ household, people: before }, { household, people: after });
      visits.push({ id: `v${v}`, householdId: household.id, visitedAt: `2026-06-${String(10 + v).padStart(2, '0')}T03:00:00.000Z`, visitor: 'Tổ', changes, personIds: assistedPeople(changes), notes: '' });
      current = current.map((p) => after.find((q) => q.id === p.id) ?? p);
      if (v === 4) afterFive = current;
    }
    const then = recordsAsOf({ households, people: current }, visits, '2026-06-01T00:00:00.000Z');
    expect(computeCoverage({ ...then, year: FIXTURE_YEAR })).toEqual(computeCoverage({ households, people, year: FIXTURE_YEAR }));
    // Between the fifth and the sixth visit: the first five count, the rest do not yet.
    const midway = recordsAsOf({ households, people: current }, visits, '2026-06-14T12:00:00.000Z');
    expect(computeCoverage({ ...midway, year: FIXTURE_YEAR })).toEqual(computeCoverage({ households, people: afterFive, year: FIXTURE_YEAR }));
  });
});

describe('the fixture commune, counted by hand', () => {
  const { households, people } = fixtureCommune(20261124);
  const living = people.filter((p) => p.residence === 'here');
  const age = (p: Person) => FIXTURE_YEAR - p.birthYear;
  const adults = living.filter((p) => age(p) >= 18);
  const expected: Record<string, [number, number]> = {
    smartphone: [adults.filter((p) => p.phone === 'smartphone').length, adults.length],
    fiber: [households.filter((h) => h.fiber).length, households.length],
    vneid_l2: [living.filter((p) => age(p) >= 14 && p.vneid === 'l2_active').length, living.filter((p) => age(p) >= 14).length],
    payment: [living.filter((p) => age(p) >= 15 && p.payment !== 'none').length, living.filter((p) => age(p) >= 15).length],
    signature: [adults.filter((p) => p.digitalSignature).length, adults.length],
    public_service_account: [adults.filter((p) => p.publicServiceAccount).length, adults.length],
    public_service_used: [adults.filter((p) => p.publicServiceUsed).length, adults.length],
    ehealth: [living.filter((p) => p.eHealthRecord).length, living.length],
    skills: [living.filter((p) => age(p) >= 15 && age(p) <= 60 && p.skills.length > 0).length, living.filter((p) => age(p) >= 15 && age(p) <= 60).length],
    digital_address: [households.filter((h) => h.digitalAddress).length, households.length],
    cyber_protection: [living.filter((p) => p.cyberProtection).length, living.length],
  };

  it('has several hamlets and a few thousand people', () => {
    expect(new Set(households.map((h) => h.hamletCode)).size).toBe(FIXTURE_HAMLETS.length);
    expect(people.length).toBeGreaterThan(2000);
  });

  it('gives every indicator exactly the figures counted by hand', () => {
    const computed = Object.fromEntries(computeCoverage({ households, people, year: FIXTURE_YEAR }).map((r) => [r.indicator.id, [r.commune.n, r.commune.N]]));
    expect(Object.keys(expected).sort()).toEqual(INDICATORS.map((i) => i.id).sort());
    expect(computed).toEqual(expected);
  });
});
