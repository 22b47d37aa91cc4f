import { describe, expect, it } from 'vitest';
import { coverage } from './coverage';
import { formatBytes, formatCoverage, formatInteger, formatPercent, formatRatio, formatTarget, formatVerdict } from './format-vi';

describe('Vietnamese number formatting', () => {
  it.each([
    [{ n: 12447, N: 19958, percent: (12447 / 19958) * 100 }, '12.447/19.958, đạt 62,37%'],
    [coverage(21, 22, 100), '21/22, đạt 95,45%'],
    [coverage(4, 5, 80), '4/5, đạt 80%'],
    [coverage(0, 0, 80), '0/0'],
    [coverage(19957, 19958, 100), '19.957/19.958, đạt 99,99%'],
    [coverage(19958, 19958, 100), '19.958/19.958, đạt 100%'],
  ])('formatCoverage(%j) → %s', (c, text) => {
    expect(formatCoverage(c)).toBe(text);
  });

  it.each([
    [94.4, '94,4%'],
    [62.3659, '62,37%'],
    [100, '100%'],
    [0, '0%'],
  ])('formatPercent(%s) → %s', (percent, text) => {
    expect(formatPercent(percent)).toBe(text);
  });

  it.each([
    [0, '0'],
    [999, '999'],
    [25684, '25.684'],
    [1234567, '1.234.567'],
  ])('formatInteger(%i) → %s', (n, text) => {
    expect(formatInteger(n)).toBe(text);
  });

  it('formatRatio groups both sides', () => {
    expect(formatRatio(25684, 26517)).toBe('25.684/26.517');
  });

  it.each([
    [true, 'Đạt'],
    [false, 'Chưa đạt'],
    [null, '—'],
  ])('formatVerdict(%s) → %s', (met, text) => {
    expect(formatVerdict(met)).toBe(text);
  });

  it.each([
    [80, '80%'],
    [62.5, '62,5%'],
    [null, 'Chưa đặt'],
  ])('formatTarget(%s) → %s', (target, text) => {
    expect(formatTarget(target)).toBe(text);
  });

  it.each([
    [0, '0 B'],
    [1023, '1.023 B'],
    [1024, '1 KB'],
    [1536, '1,5 KB'],
    [5.25 * 1024 * 1024, '5,3 MB'],
    [3 * 1024 ** 3, '3 GB'],
    [2048 * 1024 ** 3, '2.048 GB'],
  ])('formatBytes(%i) → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
