import { describe, expect, it } from 'vitest';
import { asOfMoment, formatDayVi, lastDayOf, periodByKey, quarterOf, recentQuarters } from './period';

describe('periods', () => {
  it.each([
    ['2026-08-12', '2026-Q3', 'Quý III/2026', '2026-07-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', '2026-09-30'],
    ['2026-01-01', '2026-Q1', 'Quý I/2026', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', '2026-03-31'],
    ['2024-12-31', '2024-Q4', 'Quý IV/2024', '2024-10-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '2024-12-31'],
  ])('%s falls in %s', (day, key, label, from, to, last) => {
    const p = quarterOf(day);
    expect(p).toEqual({ key, label, from, to });
    expect(periodByKey(key)).toEqual(p);
    expect(lastDayOf(p)).toBe(last);
  });

  it('offers the current quarter and the ones before it, newest first, across a year', () => {
    expect(recentQuarters('2026-02-10', 4).map((p) => p.key)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2']);
  });

  it('refuses a key that names no quarter', () => {
    expect(periodByKey('2026-Q5')).toBeUndefined();
    expect(periodByKey('')).toBeUndefined();
  });

  it('takes the figures now within the period, at its end once it is over', () => {
    const q3 = quarterOf('2026-08-12');
    expect(asOfMoment(q3, '2026-08-12T03:00:00.000Z')).toBe('2026-08-12T03:00:00.000Z');
    expect(asOfMoment(q3, '2027-01-05T03:00:00.000Z')).toBe('2026-10-01T00:00:00.000Z');
  });

  it('writes a day as the reports do', () => {
    expect(formatDayVi('2026-09-30')).toBe('30/09/2026');
    expect(formatDayVi('2026-01-05T10:00:00Z')).toBe('05/01/2026');
  });
});
