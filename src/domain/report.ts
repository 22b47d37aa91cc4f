// The quarterly report in the words of the seeds: one line per indicator a commune lead can
// paste ("Tỷ lệ …: 1.234/1.500, đạt 82,27% (chỉ tiêu 80%: Đạt)") and the table
// STT | Chỉ tiêu | Mục tiêu | Kết quả | Đánh giá, for the commune and for each hamlet.
import type { Coverage, IndicatorCoverage } from './coverage';
import { formatCoverage, formatInteger, formatPercent, formatTarget, formatVerdict } from './format-vi';
import type { Activity } from './as-of';

export function reportLine(name: string, c: Coverage): string {
  const target = c.target === null ? 'chưa đặt chỉ tiêu' : `chỉ tiêu ${formatPercent(c.target)}: ${formatVerdict(c.met)}`;
  return `${name}: ${formatCoverage(c)} (${target})`;
}

export const REPORT_COLUMNS = ['STT', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Đánh giá'] as const;

export type ReportRow = [stt: string, indicator: string, target: string, result: string, verdict: string];

/** One row per indicator, for the commune (no hamlet) or one hamlet. */
export function reportRows(rows: readonly IndicatorCoverage[], hamletCode?: string): ReportRow[] {
  return rows.map(({ indicator, commune, byHamlet }, i) => {
    const c = hamletCode === undefined ? commune : (byHamlet[hamletCode] ?? { ...commune, n: 0, N: 0, percent: null, met: null });
    return [String(i + 1), indicator.name, formatTarget(c.target), formatCoverage(c), formatVerdict(c.met)];
  });
}

export function activityLine(a: Activity, periodLabel: string): string {
  return `${periodLabel}: ${formatInteger(a.visits)} lượt hỗ trợ tại ${formatInteger(a.households)} hộ, ${formatInteger(a.peopleAssisted)} người dân được hỗ trợ.`;
}

/** "Quý III/2022" for a date, as the seeds name quarters. */
export function quarterLabel(isoDate: string): string {
  const [year = '', month = '1'] = isoDate.split('-');
  const q = Math.floor((Number(month) - 1) / 3);
  return `Quý ${['I', 'II', 'III', 'IV'][q] ?? 'I'}/${year}`;
}

/** First day of the quarter a date falls in, and of the next one: the report's period. */
export function quarterBounds(isoDate: string): { from: string; to: string } {
  const [year = '1970', month = '1'] = isoDate.split('-');
  const q = Math.floor((Number(month) - 1) / 3);
  const start = new Date(Date.UTC(Number(year), q * 3, 1));
  const end = new Date(Date.UTC(Number(year), q * 3 + 3, 1));
  return { from: start.toISOString(), to: end.toISOString() };
}
