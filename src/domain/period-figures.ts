// The figures of a period, as the lead's screens show them: coverage as of the period's end (or
// now, within it), coverage at its start (for the change), and the visits made in it. Pure.
import { activityBetween, recordsAsOf, type Activity, type Records } from './as-of';
import { computeCoverage, type IndicatorCoverage, type Targets } from './coverage';
import { asOfMoment, type Period } from './period';
import type { Visit } from './visit';

export type PeriodFigures = {
  /** The moment the figures are taken at. */
  asOf: string;
  /** The records as they stood then. */
  records: Records;
  rows: IndicatorCoverage[];
  startRows: IndicatorCoverage[];
  /** Visits from the period's start to `asOf`. */
  activity: Activity;
  /** Household id → hamlet code, as of `asOf`. */
  hamletOf: Map<string, string>;
};

const yearOf = (iso: string) => Number(iso.slice(0, 4));

export function periodFigures(input: { records: Records; visits: readonly Visit[]; period: Period; now: string; targets: Targets }): PeriodFigures {
  const { records, visits, period, now, targets } = input;
  const asOf = asOfMoment(period, now);
  const then = asOf === now ? records : recordsAsOf(records, visits, asOf);
  const start = recordsAsOf(records, visits, period.from);
  return {
    asOf,
    records: then,
    rows: computeCoverage({ ...then, year: yearOf(asOf), targets }),
    startRows: computeCoverage({ ...start, year: yearOf(period.from), targets }),
    activity: activityBetween(visits, period.from, asOf < period.to ? asOf : period.to),
    hamletOf: new Map(then.households.map((h) => [h.id, h.hamletCode])),
  };
}
