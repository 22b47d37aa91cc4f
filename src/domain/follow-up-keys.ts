// Where "Ai cần thăm tiếp" finds its households without reading everyone: each household is
// filed under "commune|hamlet|indicator|birth year" for every birth year of a person living here
// who lacks the indicator ("commune|hamlet|indicator|" when the household itself lacks it); for a
// population with no upper age, only the eldest's. The years of a population are then one range
// of keys. Same rules as indicators.ts. Pure.
import { birthYearsOf } from './coverage-tally';
import type { Household } from './household';
import { INDICATORS, isHouseholdIndicator, meetsHouseholdRule, meetsPersonRule, type Indicator } from './indicators';
import type { Person } from './person';

const prefix = (communeCode: string, hamletCode: string, indicatorId: string) => `${communeCode}|${hamletCode}|${indicatorId}|`;
// Four digits sort as numbers; the schema keeps birth years between 1900 and 2200.
const year4 = (year: number) => String(Math.max(0, Math.min(9999, year))).padStart(4, '0');

export function followUpKeys(household: Household, people: readonly Person[], indicators: readonly Indicator[] = INDICATORS): string[] {
  const keys = new Set<string>();
  const { communeCode, hamletCode } = household;
  for (const indicator of indicators) {
    if (isHouseholdIndicator(indicator)) {
      if (!meetsHouseholdRule(indicator.rule, household)) keys.add(prefix(communeCode, hamletCode, indicator.id));
      continue;
    }
    const years = people.filter((p) => p.residence === 'here' && !meetsPersonRule(indicator.rule, p)).map((p) => p.birthYear);
    // With no upper age, the household is in the list exactly when its eldest lacking it is: one key is enough.
    const filed = indicator.population.maxAge === undefined && years.length > 0 ? [Math.min(...years)] : years;
    for (const year of filed) keys.add(prefix(communeCode, hamletCode, indicator.id) + year4(year));
  }
  return [...keys].sort();
}

/** The keys of the households lacking `indicator` in a hamlet in `year`: from and to, both included. */
export function followUpRange(communeCode: string, hamletCode: string, indicator: Indicator, year: number): [string, string] {
  const at = prefix(communeCode, hamletCode, indicator.id);
  if (isHouseholdIndicator(indicator)) return [at, at];
  const { from, to } = birthYearsOf(indicator.population, year);
  return [at + year4(Number.isFinite(from) ? from : 0), at + year4(to)];
}
