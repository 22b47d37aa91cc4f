// What the map draws: each located household as a point classed by what it lacks for one
// indicator, the households with no position, and a label per hamlet at the centre of its houses.
import type { Household } from './household';
import type { Person } from './person';
import { centroid, type LatLng } from './geo';
import { inPersonPopulation, isHouseholdIndicator, meetsHouseholdRule, meetsPersonRule, type Indicator } from './indicators';

/**
 * complete: nobody in the household lacks it; partial: some of the counted people do; lacking:
 * the household (household indicators) or everyone counted lacks it; not_counted: nobody in the
 * household is in the indicator's population (say, no adults living here).
 */
export const GAP_CLASSES = ['lacking', 'partial', 'complete', 'not_counted'] as const;
export type GapClass = (typeof GAP_CLASSES)[number];

export type HouseholdGap = {
  gapClass: GapClass;
  /** People (or 1 for the household itself) in the indicator's population. */
  counted: number;
  /** Of those, how many still lack it. */
  lacking: number;
};

export function householdGap(indicator: Indicator, household: Household, people: readonly Person[], year: number): HouseholdGap {
  let counted: number;
  let lacking: number;
  if (isHouseholdIndicator(indicator)) {
    counted = 1;
    lacking = meetsHouseholdRule(indicator.rule, household) ? 0 : 1;
  } else {
    const { population, rule } = indicator;
    const inPopulation = people.filter((p) => inPersonPopulation(population, p, year));
    counted = inPopulation.length;
    lacking = inPopulation.filter((p) => !meetsPersonRule(rule, p)).length;
  }
  const gapClass: GapClass = counted === 0 ? 'not_counted' : lacking === 0 ? 'complete' : lacking === counted ? 'lacking' : 'partial';
  return { gapClass, counted, lacking };
}

export type MapPoint = LatLng & {
  householdId: string;
  hamletCode: string;
  accuracyM: number;
  gap: HouseholdGap;
};

export type HouseholdWithPeople = { household: Household; people: readonly Person[] };

export type MapData<R extends HouseholdWithPeople> = {
  /** Drawn lacking last, so the households to visit sit on top of the others. */
  points: MapPoint[];
  unlocated: R[];
  counts: Record<GapClass, number>;
};

const drawOrder: Record<GapClass, number> = { not_counted: 0, complete: 1, partial: 2, lacking: 3 };

export function mapData<R extends HouseholdWithPeople>(records: readonly R[], indicator: Indicator, year: number): MapData<R> {
  const points: MapPoint[] = [];
  const unlocated: R[] = [];
  const counts: Record<GapClass, number> = { lacking: 0, partial: 0, complete: 0, not_counted: 0 };
  for (const record of records) {
    const { household, people } = record;
    // No position: never taken, or removed (a removal may be written as null, so that it syncs).
    const location = household.location;
    if (!location) {
      unlocated.push(record);
      continue;
    }
    const gap = householdGap(indicator, household, people, year);
    counts[gap.gapClass] += 1;
    const { lat, lng, accuracyM } = location;
    points.push({ householdId: household.id, hamletCode: household.hamletCode, lat, lng, accuracyM, gap });
  }
  points.sort((a, b) => drawOrder[a.gap.gapClass] - drawOrder[b.gap.gapClass]);
  return { points, unlocated, counts };
}

export type HamletLabel = LatLng & { hamletCode: string; name: string; households: number };

/** One label per hamlet with located households, at the mean of their positions; unknown codes show as the code. */
export function hamletLabels(points: readonly MapPoint[], names: ReadonlyMap<string, string>): HamletLabel[] {
  const byHamlet = new Map<string, LatLng[]>();
  for (const p of points) {
    const located = byHamlet.get(p.hamletCode);
    if (located === undefined) byHamlet.set(p.hamletCode, [p]);
    else located.push(p);
  }
  const labels: HamletLabel[] = [];
  for (const [hamletCode, located] of byHamlet) {
    const centre = centroid(located);
    if (centre === null) continue;
    labels.push({ ...centre, hamletCode, name: names.get(hamletCode) ?? hamletCode, households: located.length });
  }
  return labels.sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
}
