import { describe, expect, it } from 'vitest';
import { ProvinceCoverage, provinceRows } from './province-coverage';
import { parseCsv, toCsv } from './csv';

const report = ProvinceCoverage.parse({
  province: { code: 'DEMO', name: 'Tỉnh Mẫu (DEMO)' },
  year: 2026,
  communes: [
    { code: 'A', name: 'Xã Đông Sơn', households: 120, indicators: [{ id: 'fiber', name: 'Tỷ lệ hộ có cáp quang', n: 90, N: 120, percent: 75, target: 75, met: true }] },
    { code: 'B', name: 'Xã Tây Sơn', households: 0, indicators: [{ id: 'fiber', name: 'Tỷ lệ hộ có cáp quang', n: 0, N: 0, percent: null, target: 75, met: null }] },
  ],
  serverTime: '2026-11-24T08:00:00.000Z',
});

describe('the province table', () => {
  it('puts communes side by side in the report columns, numbers only', () => {
    expect(provinceRows(report)).toEqual([
      ['Xã', 'STT', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Đánh giá'],
      ['Xã Đông Sơn', '1', 'Tỷ lệ hộ có cáp quang', '75%', '90/120, đạt 75%', 'Đạt'],
      ['Xã Tây Sơn', '1', 'Tỷ lệ hộ có cáp quang', '75%', '0/0', '—'],
    ]);
  });
  it('survives the trip through CSV with its Vietnamese text', () => {
    expect(parseCsv(toCsv(provinceRows(report))).rows).toEqual(provinceRows(report));
  });
  it('refuses an answer that carries anything but the expected numbers shape', () => {
    expect(ProvinceCoverage.safeParse({ ...report, communes: [{ code: 'A' }] }).success).toBe(false);
  });
});
