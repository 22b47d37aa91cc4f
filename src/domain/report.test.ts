import { describe, expect, it } from 'vitest';
import { computeCoverage, coverage } from './coverage';
import { activityLine, quarterBounds, quarterLabel, reportLine, reportRows, REPORT_COLUMNS } from './report';
import { parseCsv, toCsv } from './csv';
import { DEFAULT_TARGETS, NATIONAL_TARGETS, Plan, planTitle } from './targets';
import { newHousehold } from './household';

describe('the report, phrased like the seeds', () => {
  it.each([
    ['Tỷ lệ người dân trưởng thành có điện thoại thông minh', coverage(1234, 1500, 80), 'Tỷ lệ người dân trưởng thành có điện thoại thông minh: 1.234/1.500, đạt 82,27% (chỉ tiêu 80%: Đạt)'],
    ['Tỷ lệ hộ gia đình có cáp quang', coverage(12447, 19958, 86), 'Tỷ lệ hộ gia đình có cáp quang: 12.447/19.958, đạt 62,37% (chỉ tiêu 86%: Chưa đạt)'],
    ['Tỷ lệ có phần mềm an toàn', coverage(3, 10, null), 'Tỷ lệ có phần mềm an toàn: 3/10, đạt 30% (chưa đặt chỉ tiêu)'],
  ])('%s', (name, c, line) => {
    expect(reportLine(name, c)).toBe(line);
  });

  it('has the table columns of the seeds and one numbered row per indicator, for the commune and a hamlet', () => {
    const households = [
      { ...newHousehold({ id: 'h1', communeCode: 'X', hamletCode: 'T1', createdAt: '2026-01-01T00:00:00Z' }), fiber: true },
      newHousehold({ id: 'h2', communeCode: 'X', hamletCode: 'T2', createdAt: '2026-01-01T00:00:00Z' }),
    ];
    const rows = computeCoverage({ households, people: [], year: 2026 });
    expect(REPORT_COLUMNS).toEqual(['STT', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Đánh giá']);
    const fiber = rows.findIndex((r) => r.indicator.id === 'fiber');
    expect(reportRows(rows)[fiber]).toEqual([String(fiber + 1), rows[fiber]?.indicator.name, '75%', '1/2, đạt 50%', 'Chưa đạt']);
    expect(reportRows(rows, 'T1')[fiber]?.slice(2)).toEqual(['75%', '1/1, đạt 100%', 'Đạt']);
    expect(reportRows(rows, 'T9')[fiber]?.slice(2)).toEqual(['75%', '0/0', '—']);
  });

  it('counts visits and people assisted in words', () => {
    expect(activityLine({ visits: 1203, households: 850, peopleAssisted: 2100 }, 'Quý III/2026')).toBe(
      'Quý III/2026: 1.203 lượt hỗ trợ tại 850 hộ, 2.100 người dân được hỗ trợ.',
    );
  });

  it.each([
    ['2022-09-30', 'Quý III/2022', '2022-07-01T00:00:00.000Z', '2022-10-01T00:00:00.000Z'],
    ['2026-01-01', 'Quý I/2026', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['2026-12-31', 'Quý IV/2026', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('names the quarter of %s', (date, label, from, to) => {
    expect(quarterLabel(date)).toBe(label);
    expect(quarterBounds(date)).toEqual({ from, to });
  });
});

describe('CSV export for Excel', () => {
  it('starts with a BOM, ends lines with CRLF, and keeps Vietnamese text and commas intact', () => {
    const csv = toCsv([['STT', 'Chỉ tiêu'], ['1', 'Tỷ lệ hộ có cáp quang, băng rộng']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(parseCsv(csv).rows).toEqual([['STT', 'Chỉ tiêu'], ['1', 'Tỷ lệ hộ có cáp quang, băng rộng']]);
  });
});

describe('targets', () => {
  it('cite a plan as the reports do', () => {
    expect(planTitle({ number: '12/KH-UBND', date: '2024-01-12' })).toBe('Kế hoạch số 12/KH-UBND ngày 12/01/2024');
  });
  it('refuse a target over 100% in Vietnamese', () => {
    const r = Plan.safeParse({ number: '12/KH-UBND', date: '2024-01-12', targets: { smartphone: 120 } });
    expect(r.error?.issues[0]?.message).toBe('Chỉ tiêu từ 0 đến 100%');
  });
  it('offer the brief defaults and the national set', () => {
    expect([DEFAULT_TARGETS.smartphone, DEFAULT_TARGETS.cyber_protection, NATIONAL_TARGETS.fiber, NATIONAL_TARGETS.vneid_l2]).toEqual([80, null, 80, null]);
  });
});
