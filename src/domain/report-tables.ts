// The quarterly report's parts, built from the coverage: the text a lead pastes into their
// report, the tables (the commune, then each hamlet) and the CSV of those tables for Excel.
import type { Coverage, IndicatorCoverage } from './coverage';
import { coverage } from './coverage';
import type { Activity } from './as-of';
import { toCsv } from './csv';
import { shownPercent } from './dashboard';
import { activityLine, reportLine, reportRows, REPORT_COLUMNS, type ReportRow } from './report';

export type Place = { code: string; name: string };

export type ReportTable = {
  /** "Xã Tân Lập" (the whole commune), "Thôn Nà Hin". */
  title: string;
  /** null for the whole commune. */
  hamletCode: string | null;
  rows: ReportRow[];
  /** The figures behind each row, in the same order: numbers for the spreadsheet. */
  coverages: Coverage[];
  activity: Activity;
};

export type ReportActivity = { commune: Activity; byHamlet: Readonly<Record<string, Activity>> };

const NO_ACTIVITY: Activity = { visits: 0, peopleAssisted: 0, households: 0 };

/** "Xã Tân Lập" → "xã Tân Lập", for the middle of a sentence; other names as they are. */
export function inSentence(placeName: string): string {
  return placeName.replace(/^(Xã|Phường|Thị trấn|Đặc khu|Thôn|Bản|Ấp|Tổ dân phố|Khu phố|Buôn|Làng|Sóc|Xóm|Khóm) /u, (m) => m.toLowerCase());
}

/** The commune's table, then one per hamlet in the order given. */
export function reportTables(
  rows: readonly IndicatorCoverage[],
  commune: Place,
  hamlets: readonly Place[],
  activity: ReportActivity,
): ReportTable[] {
  const communeTable: ReportTable = {
    title: commune.name,
    hamletCode: null,
    rows: reportRows(rows),
    coverages: rows.map((r) => r.commune),
    activity: activity.commune,
  };
  return [
    communeTable,
    ...hamlets.map((h) => ({
      title: h.name,
      hamletCode: h.code,
      rows: reportRows(rows, h.code),
      coverages: rows.map((r) => r.byHamlet[h.code] ?? coverage(0, 0, r.commune.target)),
      activity: activity.byHamlet[h.code] ?? NO_ACTIVITY,
    })),
  ];
}

/** Visits of the period per hamlet, from the household each visit went to. */
export function activityByHamlet(
  visits: readonly { householdId: string; visitedAt: string; personIds: readonly string[] }[],
  hamletOf: ReadonlyMap<string, string>,
  from: string,
  to: string,
): Record<string, Activity> {
  const acc = new Map<string, { visits: number; people: Set<string>; households: Set<string> }>();
  for (const v of visits) {
    if (v.visitedAt < from || v.visitedAt >= to) continue;
    const hamlet = hamletOf.get(v.householdId);
    if (hamlet === undefined) continue;
    const a = acc.get(hamlet) ?? { visits: 0, people: new Set<string>(), households: new Set<string>() };
    a.visits += 1;
    for (const p of v.personIds) a.people.add(p);
    a.households.add(v.householdId);
    acc.set(hamlet, a);
  }
  return Object.fromEntries([...acc].map(([code, a]) => [code, { visits: a.visits, peopleAssisted: a.people.size, households: a.households.size }]));
}

/**
 * The block a lead pastes into the quarterly report: where the figures come from, one line per
 * indicator for the whole commune, and the visits of the period.
 */
export function reportText(input: {
  communeName: string;
  /** planTitle(plan), or null when no plan was entered (the brief's default targets). */
  planTitle: string | null;
  periodLabel: string;
  /** "30/09/2026" */
  asOfDay: string;
  rows: readonly IndicatorCoverage[];
  activity: Activity;
}): string {
  const basis = input.planTitle === null ? 'chỉ tiêu mặc định, chưa nhập kế hoạch của xã' : `chỉ tiêu theo ${input.planTitle}`;
  const lines = [
    `Kết quả chuyển đổi số cộng đồng trên địa bàn ${inSentence(input.communeName)} đến ngày ${input.asOfDay} (${basis}):`,
    ...input.rows.map((r) => `- ${reportLine(r.indicator.name, r.commune)}.`),
    `- ${activityLine(input.activity, input.periodLabel)}`,
  ];
  return lines.join('\n');
}

export const CSV_COLUMNS = ['Địa bàn', ...REPORT_COLUMNS, 'Số đạt', 'Tổng số'] as const;

/** Every table in one sheet, one row per place and indicator, with the counts as plain numbers. */
export function reportCsv(tables: readonly ReportTable[]): string {
  const body = tables.flatMap((t) => t.rows.map((row, i) => [t.title, ...row, String(t.coverages[i]?.n ?? 0), String(t.coverages[i]?.N ?? 0)]));
  return toCsv([[...CSV_COLUMNS], ...body]);
}

export const XLSX_COLUMNS = [...REPORT_COLUMNS, 'Số đạt', 'Tổng số', 'Tỷ lệ (%)'] as const;

/** One sheet per table: the report's columns as text, then the counts and the percent as numbers. */
export function reportSheets(tables: readonly ReportTable[]): { name: string; rows: (string | number | null)[][] }[] {
  return tables.map((t) => ({
    name: t.title,
    rows: [
      [...XLSX_COLUMNS],
      ...t.rows.map((row, i) => {
        const c = t.coverages[i];
        const percent = c ? shownPercent(c) : null;
        return [...row, c?.n ?? 0, c?.N ?? 0, percent === null ? null : Math.round(percent * 100) / 100];
      }),
    ],
  }));
}

/** A file name without diacritics or spaces: "bao-cao-quy-iii-2026-xa-tan-lap". */
export function fileSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
