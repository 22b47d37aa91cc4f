// Coverage kept as tallies: a household's share of its hamlet's figures (its households row, and
// its people by birth year), so the phone can add up a few hundred tallies instead of reading
// every person. Birth year, not age: the age groups depend on the year the figures are for.
// The rules are those of indicators.ts; coverageFromTallies equals computeCoverage. Pure.
import { indicatorCoverage, targetOf, type IndicatorCoverage, type Targets } from './coverage';
import type { Household } from './household';
import { INDICATORS, isHouseholdIndicator, meetsHouseholdRule, meetsPersonRule, type Indicator, type PersonPopulation } from './indicators';
import type { Person } from './person';

/** One hamlet's households (birthYear null) or its people born in one year. */
export type Tally = {
  communeCode: string;
  hamletCode: string;
  birthYear: number | null;
  /** Households, or people whatever their residence ("nhân khẩu"). */
  count: number;
  /** Of the people, those living here: the people of every person population of their age. */
  here: number;
  /** Per indicator id: how many meet its rule (people: only those living here). */
  covered: Record<string, number>;
};

export const tallyKey = (t: Pick<Tally, 'communeCode' | 'hamletCode' | 'birthYear'>): string => `${t.communeCode}|${t.hamletCode}|${t.birthYear ?? 'h'}`;

/** The birth years of a person population in `year`, both ends included (the age bounds of inPersonPopulation). */
export function birthYearsOf(population: PersonPopulation, year: number): { from: number; to: number } {
  return { from: population.maxAge === undefined ? -Infinity : year - population.maxAge, to: year - population.minAge };
}

/** A household's share of the tallies: its households row, and a row per birth year of its people. */
export function householdShare(household: Household, people: readonly Person[], indicators: readonly Indicator[] = INDICATORS): Tally[] {
  const { communeCode, hamletCode } = household;
  const own: Tally = { communeCode, hamletCode, birthYear: null, count: 1, here: 0, covered: {} };
  const byYear = new Map<number, Tally>();
  for (const indicator of indicators) {
    if (isHouseholdIndicator(indicator) && meetsHouseholdRule(indicator.rule, household)) own.covered[indicator.id] = 1;
  }
  for (const person of people) {
    const row = byYear.get(person.birthYear) ?? { communeCode, hamletCode, birthYear: person.birthYear, count: 0, here: 0, covered: {} };
    byYear.set(person.birthYear, row);
    row.count += 1;
    if (person.residence !== 'here') continue;
    row.here += 1;
    for (const indicator of indicators) {
      if (!isHouseholdIndicator(indicator) && meetsPersonRule(indicator.rule, person)) row.covered[indicator.id] = (row.covered[indicator.id] ?? 0) + 1;
    }
  }
  return [own, ...[...byYear.values()].sort((a, b) => (a.birthYear ?? 0) - (b.birthYear ?? 0))];
}

/** Adds (sign 1) or takes away (sign -1) a share; a tally left with nobody is dropped. */
export function addShare(tallies: Map<string, Tally>, share: readonly Tally[], sign: 1 | -1): void {
  for (const part of share) {
    const key = tallyKey(part);
    const t = tallies.get(key) ?? { ...part, count: 0, here: 0, covered: {} };
    t.count += sign * part.count;
    t.here += sign * part.here;
    for (const [id, n] of Object.entries(part.covered)) {
      const left = (t.covered[id] ?? 0) + sign * n;
      if (left === 0) delete t.covered[id];
      else t.covered[id] = left;
    }
    tallies.set(key, t);
  }
}

/** Coverage per indicator from the tallies of a commune: what computeCoverage gives from its records. */
export function coverageFromTallies(input: {
  tallies: readonly Tally[];
  year: number;
  targets?: Targets;
  indicators?: readonly Indicator[];
}): IndicatorCoverage[] {
  const { tallies, year, targets, indicators = INDICATORS } = input;
  return indicators.map((indicator) => {
    const target = targetOf(indicator, targets);
    const sums = new Map<string, { n: number; N: number }>();
    const range = isHouseholdIndicator(indicator) ? undefined : birthYearsOf(indicator.population, year);
    for (const t of tallies) {
      const counts = range === undefined ? (t.birthYear === null ? t.count : 0) : t.birthYear !== null && t.birthYear >= range.from && t.birthYear <= range.to ? t.here : 0;
      // A hamlet appears only once someone is in the population, as in computeCoverage.
      if (counts === 0) continue;
      const s = sums.get(t.hamletCode) ?? { n: 0, N: 0 };
      s.N += counts;
      s.n += t.covered[indicator.id] ?? 0;
      sums.set(t.hamletCode, s);
    }
    return indicatorCoverage(indicator, sums, target);
  });
}

/** Households and people recorded ("N hộ, M nhân khẩu"), and the hamlets they are in. */
export function talliedTotals(tallies: readonly Tally[]): { households: number; people: number; hamletCodes: string[] } {
  let households = 0;
  let people = 0;
  const hamlets = new Set<string>();
  for (const t of tallies) {
    if (t.birthYear === null) households += t.count;
    else people += t.count;
    if (t.count > 0) hamlets.add(t.hamletCode);
  }
  return { households, people, hamletCodes: [...hamlets].sort() };
}
