// The lead's dashboard, cell by cell: how far each coverage is from its target (met, within
// NEAR_POINTS points, further) and how it moved since the period began. Pure: both coverages are inputs.
import { coverage, type Coverage, type IndicatorCoverage } from './coverage';
import type { Indicator } from './indicators';
import { formatInteger } from './format-vi';

/** A cell's standing: shown as a colour and always also as words. */
export type Standing = 'met' | 'near' | 'far' | 'no-target' | 'empty';

/** "Gần đạt": short of the target by at most this many percentage points. */
export const NEAR_POINTS = 10;

export function standingOf(c: Coverage): Standing {
  if (c.N === 0) return 'empty';
  if (c.target === null) return 'no-target';
  // Whole-number comparisons, as coverage() does for `met`: 7/10 against 80% is exactly 10 points short.
  if (c.n * 100 >= c.target * c.N) return 'met';
  return c.n * 100 >= (c.target - NEAR_POINTS) * c.N ? 'near' : 'far';
}

/** The percent as printed: never 100% while someone is still missing (see formatCoverage). */
export function shownPercent(c: Pick<Coverage, 'n' | 'N' | 'percent'>): number | null {
  if (c.percent === null) return null;
  return c.n < c.N ? Math.min(c.percent, 99.99) : c.percent;
}

export type CoverageChange = {
  /** Covered now minus covered at the start. */
  n: number;
  /** Percentage points, null when either end had nobody to count. */
  points: number | null;
};

export function changeSince(start: Coverage, now: Coverage): CoverageChange {
  const from = shownPercent(start);
  const to = shownPercent(now);
  // Rounded as the percents are printed, so the change is the difference of the printed figures.
  const points = from === null || to === null ? null : Math.round((to - from) * 100) / 100;
  return { n: now.n - start.n, points: points === 0 ? 0 : points };
}

const pointsFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** With the count: "+12 · +3,5 điểm", "−1 · −0,05 điểm", "+3" (nobody counted at the start), "Không đổi". */
export function formatChange(change: CoverageChange): string {
  if (change.n === 0 && (change.points === 0 || change.points === null)) return 'Không đổi';
  const count = change.n === 0 ? '0' : `${change.n > 0 ? '+' : '−'}${formatInteger(Math.abs(change.n))}`;
  if (change.points === null) return count;
  return `${count} · ${pointsFormat.format(change.points).replace('-', '−')} điểm`;
}

/** `change` is null while the start of the period is still being computed. */
export type DashboardCell = { coverage: Coverage; standing: Standing; change: CoverageChange | null };
export type DashboardRow = { indicator: Indicator; commune: DashboardCell; byHamlet: Record<string, DashboardCell> };

function cell(now: Coverage, start: Coverage | null): DashboardCell {
  return { coverage: now, standing: standingOf(now), change: start === null ? null : changeSince(start, now) };
}

/**
 * The grid: one row per indicator, a cell for the commune and for each hamlet asked for (an
 * empty cell where a hamlet has nobody in the population yet). `start` is the coverage at the
 * start of the period, computed with the same targets; null while it is not known yet.
 */
export function dashboardRows(
  now: readonly IndicatorCoverage[],
  start: readonly IndicatorCoverage[] | null,
  hamletCodes: readonly string[],
): DashboardRow[] {
  return now.map((row) => {
    const target = row.commune.target;
    const empty = coverage(0, 0, target);
    const found = start?.find((s) => s.indicator.id === row.indicator.id);
    const before: Pick<IndicatorCoverage, 'commune' | 'byHamlet'> | null = start === null ? null : (found ?? { commune: empty, byHamlet: {} });
    const byHamlet: Record<string, DashboardCell> = {};
    for (const code of hamletCodes) byHamlet[code] = cell(row.byHamlet[code] ?? empty, before === null ? null : (before.byHamlet[code] ?? empty));
    return { indicator: row.indicator, commune: cell(row.commune, before === null ? null : before.commune), byHamlet };
  });
}
