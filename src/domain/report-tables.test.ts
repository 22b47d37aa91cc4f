import { describe, expect, it } from 'vitest';
import { computeCoverage } from './coverage';
import { parseCsv } from './csv';
import { activityBetween } from './as-of';
import { activityByHamlet, CSV_COLUMNS, fileSlug, inSentence, reportCsv, reportSheets, reportTables, reportText, XLSX_COLUMNS } from './report-tables';
import { REPORT_COLUMNS } from './report';
import { planTitle } from './targets';
import type { Visit } from './visit';
import { fixtureCommune, FIXTURE_YEAR } from '../../tests/fixtures/commune';

const { households, people } = fixtureCommune(42, 300);
const rows = computeCoverage({ households, people, year: FIXTURE_YEAR, targets: { fiber: 86 } });
const hamlets = [
  { code: 'FX-T1', name: 'Thôn Nà Hin' },
  { code: 'FX-T2', name: 'Bản Phìn Hồ, "Khu A"' },
  { code: 'FX-T3', name: 'Tổ dân phố Đồng Tâm' },
];
const none = { visits: 0, households: 0, peopleAssisted: 0 };
const tables = reportTables(rows, { code: 'FX-XA', name: 'Xã Tân Lập' }, hamlets, { commune: { visits: 3, households: 2, peopleAssisted: 4 }, byHamlet: {} });

describe('the report tables', () => {
  it('are the commune, then each hamlet, numbered as the seeds number them', () => {
    expect(tables.map((t) => t.title)).toEqual(['Xã Tân Lập', 'Thôn Nà Hin', 'Bản Phìn Hồ, "Khu A"', 'Tổ dân phố Đồng Tâm']);
    expect(tables[0]?.rows.map((r) => r[0])).toEqual(rows.map((_, i) => String(i + 1)));
    expect(tables[1]?.activity).toEqual(none);
  });
});

describe('CSV export', () => {
  const csv = reportCsv(tables);
  const parsed = parseCsv(csv);

  it('opens in a CSV parser with the Vietnamese text, commas and quotes intact', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parsed.delimiter).toBe(',');
    expect(parsed.rows[0]).toEqual([...CSV_COLUMNS]);
    expect(parsed.rows[0]?.slice(1, 6)).toEqual([...REPORT_COLUMNS]);
    expect(parsed.rows).toHaveLength(1 + tables.length * rows.length);
    const fiber = parsed.rows.find((r) => r[0] === 'Bản Phìn Hồ, "Khu A"' && r[2] === 'Tỷ lệ hộ gia đình có kết nối Internet cáp quang băng rộng');
    const c = rows.find((r) => r.indicator.id === 'fiber')?.byHamlet['FX-T2'];
    expect(fiber?.[3]).toBe('86%');
    expect(fiber?.[4]).toMatch(/^\d+\/\d+, đạt \d+(,\d+)?%$/);
    expect(fiber?.[5]).toMatch(/^(Đạt|Chưa đạt)$/);
    expect(fiber?.slice(6)).toEqual([String(c?.n), String(c?.N)]);
  });

  it('keeps every cell the tables hold', () => {
    const expected = tables.flatMap((t) => t.rows.map((r) => [t.title, ...r]));
    expect(parsed.rows.slice(1).map((r) => r.slice(0, 6))).toEqual(expected);
  });
});

describe('the text to paste', () => {
  it('cites the plan, gives one line per indicator and the visits of the period', () => {
    const text = reportText({
      communeName: 'Xã Tân Lập',
      planTitle: planTitle({ number: '12/KH-UBND', date: '2024-01-12' }),
      periodLabel: 'Quý III/2026',
      asOfDay: '30/09/2026',
      rows,
      activity: { visits: 1203, households: 850, peopleAssisted: 2100 },
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Kết quả chuyển đổi số cộng đồng trên địa bàn xã Tân Lập đến ngày 30/09/2026 (chỉ tiêu theo Kế hoạch số 12/KH-UBND ngày 12/01/2024):');
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[2]).toMatch(/^- Tỷ lệ hộ gia đình có kết nối Internet cáp quang băng rộng: [\d.]+\/[\d.]+, đạt [\d,]+% \(chỉ tiêu 86%: (Đạt|Chưa đạt)\)\.$/);
    expect(lines.at(-1)).toBe('- Quý III/2026: 1.203 lượt hỗ trợ tại 850 hộ, 2.100 người dân được hỗ trợ.');
  });

  it('says when no plan was entered', () => {
    const text = reportText({ communeName: 'xã X', planTitle: null, periodLabel: 'Quý I/2026', asOfDay: '01/02/2026', rows, activity: none });
    expect(text.split('\n')[0]).toContain('(chỉ tiêu mặc định, chưa nhập kế hoạch của xã)');
  });
});

describe('activity per hamlet', () => {
  it('adds up to the commune over the period', () => {
    const v = (id: string, householdId: string, at: string, personIds: string[]): Visit => ({ id, householdId, visitedAt: at, visitor: 'Tổ', changes: [], personIds, notes: '' });
    const visits = [
      v('a', 'h1', '2026-07-02T01:00:00Z', ['p1', 'p2']),
      v('b', 'h2', '2026-08-01T01:00:00Z', ['p3']),
      v('c', 'h3', '2026-08-03T01:00:00Z', ['p4']),
      v('d', 'h1', '2026-10-02T01:00:00Z', ['p1']),
    ];
    const hamletOf = new Map([['h1', 'T1'], ['h2', 'T1'], ['h3', 'T2']]);
    const byHamlet = activityByHamlet(visits, hamletOf, '2026-07-01T00:00:00Z', '2026-10-01T00:00:00Z');
    expect(byHamlet).toEqual({ T1: { visits: 2, households: 2, peopleAssisted: 3 }, T2: { visits: 1, households: 1, peopleAssisted: 1 } });
    expect(activityBetween(visits, '2026-07-01T00:00:00Z', '2026-10-01T00:00:00Z')).toEqual({ visits: 3, households: 3, peopleAssisted: 4 });
  });
});

describe('the spreadsheet', () => {
  it('has the report columns as text and the counts and percent as numbers', () => {
    const sheets = reportSheets(tables);
    expect(sheets.map((s) => s.name)).toEqual(tables.map((t) => t.title));
    expect(sheets[0]?.rows[0]).toEqual([...XLSX_COLUMNS]);
    const c = rows[0]?.commune;
    expect(sheets[0]?.rows[1]?.slice(5)).toEqual([c?.n, c?.N, Math.round((c?.percent ?? 0) * 100) / 100]);
  });
});

it.each([
  ['Xã Tân Lập', 'xã Tân Lập'],
  ['Phường Hoàng Văn Thụ', 'phường Hoàng Văn Thụ'],
  ['Tân Lập', 'Tân Lập'],
  ['Xã', 'Xã'],
])('"%s" in a sentence is "%s"', (name, text) => {
  expect(inSentence(name)).toBe(text);
});

it('names files without diacritics', () => {
  expect(fileSlug('Báo cáo Quý III/2026 — xã Đồng Tâm')).toBe('bao-cao-quy-iii-2026-xa-dong-tam');
});
