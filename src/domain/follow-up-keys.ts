// Where "Ai cần thăm tiếp" finds its households without reading everyone: each household is
// filed under "commune|hamlet|indicator|birth year" for every birth year of a person living here
// who lacks the indicator ("commune|hamlet|indicator|" when the household itself lacks it); for a
// population with no upper age, only the eldest's. The years of a population are then one range
// of keys. Same rules as indicators.ts. Pure.
// The order keys add to each its household's address rank, whether it has a stored position and
// its id: the list's households, in the order they are shown, come from the keys alone (their
// format, and the rank keys', in follow-up-rank.ts).
import { birthYearsOf } from './coverage-tally';
import { SEP, UNRANKED } from './follow-up-rank';
import { addressRank } from './follow-up';
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
    const filed = oneKeyPerHousehold(indicator) && years.length > 0 ? [Math.min(...years)] : years;
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


/** Each follow-up key, with the household's address rank (follow-up.ts), "L" if it has a stored position ("-" if not), and its id. */
export function followUpOrderKeys(household: Household, keys: readonly string[]): string[] {
  const rank = addressRank(household.houseNumber) ?? UNRANKED;
  const tail = `${SEP}${rank}${SEP}${household.location ? 'L' : '-'}${household.id}`;
  return keys.map((k) => k + tail);
}

/** The order keys within a followUpRange: from and to, to excluded. */
export function followUpOrderRange([from, to]: [string, string]): [string, string] {
  return [from, to + String.fromCharCode(SEP.charCodeAt(0) + 1)];
}

/** Whether a household filed under this population (followUpKeys) has one key in a list, not one per year. */
export function oneKeyPerHousehold(indicator: Indicator): boolean {
  return isHouseholdIndicator(indicator) || indicator.population.maxAge === undefined;
}

export type OrderPage = {
  /** Households listed (each once, whatever the number of its keys read). */
  total: number;
  /** Whether some of them has a stored position. */
  located: boolean;
  /** Those among which the first `count` in address order are: the full comparison sorts only these. */
  candidates: string[];
};

/**
 * From the order keys read, the households that can be among the first `count` in address order:
 * those ranked no later than the count-th ranked one, and those with no rank.
 */
export function orderPage(keys: readonly string[], count: number): OrderPage {
  // Thousands of keys on a slow phone: each read in place, one string kept per household.
  const rankOf = new Map<string, string>();
  let located = false;
  for (const key of keys) {
    const at = key.lastIndexOf(SEP);
    const id = key.slice(at + 2);
    if (rankOf.has(id)) continue;
    if (key[at + 1] === 'L') located = true;
    rankOf.set(id, key.slice(key.lastIndexOf(SEP, at - 1) + 1, at));
  }
  // The count-th rank from the households per rank: a few hundred house numbers to sort, not every household.
  const perRank = new Map<string, number>();
  for (const rank of rankOf.values()) if (rank !== UNRANKED) perRank.set(rank, (perRank.get(rank) ?? 0) + 1);
  let cutoff: string | undefined;
  let before = 0;
  for (const rank of [...perRank.keys()].sort()) {
    before += perRank.get(rank) ?? 0;
    if (before >= count) {
      cutoff = rank;
      break;
    }
  }
  const candidates: string[] = [];
  for (const [id, rank] of rankOf) if (rank === UNRANKED || cutoff === undefined || rank <= cutoff) candidates.push(id);
  return { total: rankOf.size, located, candidates };
}
