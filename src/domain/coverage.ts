// Coverage of each indicator, per hamlet and for the commune: n covered out of N in the
// population, the percent, and whether the target is met. Pure: the year is an input.
import type { Household } from './household';
import type { Person } from './person';
import {
  INDICATORS,
  inPersonPopulation,
  isHouseholdIndicator,
  meetsHouseholdRule,
  meetsPersonRule,
  type Indicator,
} from './indicators';

export type Coverage = {
  n: number;
  N: number;
  /** null when nobody is in the population yet. */
  percent: number | null;
  target: number | null;
  /** null when there is no target or nobody to count. */
  met: boolean | null;
};

export type IndicatorCoverage = {
  indicator: Indicator;
  commune: Coverage;
  byHamlet: Record<string, Coverage>;
};

/** Targets per indicator id, in percent; an indicator missing here uses its default. */
export type Targets = Readonly<Record<string, number | null>>;

export function targetOf(indicator: Indicator, targets: Targets = {}): number | null {
  return indicator.id in targets ? (targets[indicator.id] ?? null) : indicator.defaultTarget;
}

export function coverage(n: number, N: number, target: number | null): Coverage {
  return {
    n,
    N,
    percent: N === 0 ? null : (n / N) * 100,
    target,
    // Compared on whole numbers so that 4/5 against 80% is met, whatever floating point says.
    met: target === null || N === 0 ? null : n * 100 >= target * N,
  };
}

type Tally = { n: number; N: number };

function countIndicator(indicator: Indicator, households: readonly Household[], people: readonly Person[], year: number) {
  const hamletOf = new Map(households.map((h) => [h.id, h.hamletCode]));
  const tallies = new Map<string, Tally>();
  const add = (hamlet: string, covered: boolean) => {
    const t = tallies.get(hamlet) ?? { n: 0, N: 0 };
    t.N += 1;
    if (covered) t.n += 1;
    tallies.set(hamlet, t);
  };
  if (isHouseholdIndicator(indicator)) {
    for (const h of households) add(h.hamletCode, meetsHouseholdRule(indicator.rule, h));
  } else {
    for (const p of people) {
      const hamlet = hamletOf.get(p.householdId);
      if (hamlet === undefined || !inPersonPopulation(indicator.population, p, year)) continue;
      add(hamlet, meetsPersonRule(indicator.rule, p));
    }
  }
  return tallies;
}

export function computeCoverage(input: {
  households: readonly Household[];
  people: readonly Person[];
  year: number;
  targets?: Targets;
  indicators?: readonly Indicator[];
}): IndicatorCoverage[] {
  const { households, people, year, targets, indicators = INDICATORS } = input;
  return indicators.map((indicator) => {
    const target = targetOf(indicator, targets);
    return indicatorCoverage(indicator, countIndicator(indicator, households, people, year), target);
  });
}

/** An indicator's coverage per hamlet and for the commune, from its n/N per hamlet. */
export function indicatorCoverage(indicator: Indicator, perHamlet: ReadonlyMap<string, { n: number; N: number }>, target: number | null): IndicatorCoverage {
  const byHamlet: Record<string, Coverage> = {};
  let n = 0;
  let N = 0;
  for (const [hamlet, t] of perHamlet) {
    byHamlet[hamlet] = coverage(t.n, t.N, target);
    n += t.n;
    N += t.N;
  }
  return { indicator, commune: coverage(n, N, target), byHamlet };
}

export type Gap = { indicator: Indicator; /** people lacking it, or 1 for the household itself */ count: number };

/** What a household still lacks: the badge on its row in the list. */
export function householdGaps(
  household: Household,
  people: readonly Person[],
  year: number,
  indicators: readonly Indicator[] = INDICATORS,
): Gap[] {
  const gaps: Gap[] = [];
  for (const indicator of indicators) {
    if (isHouseholdIndicator(indicator)) {
      if (!meetsHouseholdRule(indicator.rule, household)) gaps.push({ indicator, count: 1 });
      continue;
    }
    const population = indicator.population;
    const rule = indicator.rule;
    const count = people.filter((p) => inPersonPopulation(population, p, year) && !meetsPersonRule(rule, p)).length;
    if (count > 0) gaps.push({ indicator, count });
  }
  return gaps;
}
