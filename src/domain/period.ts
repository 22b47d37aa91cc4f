// The report's period: a quarter, named as the seeds name it ("Quý III/2026"), and the moment
// its figures are taken at. Pure: today is an input (phones in the field have wrong dates).
import { quarterBounds, quarterLabel } from './report';

export type Period = {
  /** "2026-Q3": stable, for a URL or a select. */
  key: string;
  label: string;
  /** ISO instants: [from, to). */
  from: string;
  to: string;
};

export function quarterOf(isoDate: string): Period {
  const { from, to } = quarterBounds(isoDate);
  const [year = '', month = '1'] = from.split('-');
  return { key: `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`, label: quarterLabel(from.slice(0, 10)), from, to };
}

export function periodByKey(key: string): Period | undefined {
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!m) return undefined;
  const month = (Number(m[2]) - 1) * 3 + 1;
  return quarterOf(`${m[1]}-${String(month).padStart(2, '0')}-01`);
}

/** The quarter of `today` and the `count - 1` before it, newest first. */
export function recentQuarters(today: string, count = 8): Period[] {
  const periods: Period[] = [];
  let day = today;
  for (let i = 0; i < count; i++) {
    const p = quarterOf(day);
    periods.push(p);
    day = new Date(Date.parse(p.from) - 86_400_000).toISOString().slice(0, 10);
  }
  return periods;
}

/** Figures are taken now within the period, or at its end for a period that is over. */
export function asOfMoment(period: Period, now: string): string {
  return now < period.to ? now : period.to;
}

/** The last day of a period, as an ISO date: "30/09/2026" in a report. */
export function lastDayOf(period: Period): string {
  return new Date(Date.parse(period.to) - 86_400_000).toISOString().slice(0, 10);
}

/** "2026-09-30" → "30/09/2026", as the reports write dates. */
export function formatDayVi(isoDate: string): string {
  const [y = '', m = '', d = ''] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
