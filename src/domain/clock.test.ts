import { describe, expect, it } from 'vitest';
import { clampStamp, clockOffset, correctedNow, formatStamp, isImplausibleTime, nextStamp, parseStamp, FUTURE_TOLERANCE_MS } from './clock';

const NOV_2026 = Date.UTC(2026, 10, 24, 8);
const YEAR = 365 * 86_400_000;

describe('hybrid clock stamps', () => {
  it('round-trip through text and sort as strings in time order', () => {
    const a = { ms: NOV_2026, counter: 0, device: 'phone-a' };
    const b = { ms: NOV_2026 + 1, counter: 0, device: 'phone-a' };
    const c = { ms: NOV_2026 + 1, counter: 1, device: 'phone-a' };
    expect(parseStamp(formatStamp(a))).toEqual(a);
    expect([formatStamp(c), formatStamp(a), formatStamp(b)].sort()).toEqual([formatStamp(a), formatStamp(b), formatStamp(c)]);
  });

  it('rejects text that is not a stamp', () => {
    expect(parseStamp('2026-11-24')).toBeUndefined();
  });

  it.each([
    ['a clock moving forward', NOV_2026, NOV_2026 + 10, { ms: NOV_2026 + 10, counter: 0 }],
    ['the same millisecond', NOV_2026, NOV_2026, { ms: NOV_2026, counter: 1 }],
    ['a regressing clock (set back by the user)', NOV_2026, NOV_2026 - YEAR, { ms: NOV_2026, counter: 1 }],
  ])('never go backwards on one device: %s', (_name, lastMs, nowMs, expected) => {
    const next = nextStamp({ ms: lastMs, counter: 0, device: 'd' }, nowMs, 'd');
    expect(next).toEqual({ ...expected, device: 'd' });
    expect(formatStamp(next) > formatStamp({ ms: lastMs, counter: 0, device: 'd' })).toBe(true);
  });

  it('start from the corrected clock on a fresh device', () => {
    expect(nextStamp(undefined, correctedNow(NOV_2026 - 2 * YEAR, 2 * YEAR), 'd')).toEqual({ ms: NOV_2026, counter: 0, device: 'd' });
  });
});

describe('clock drift between phone and server', () => {
  it('measures the offset at the middle of the request', () => {
    // Phone 3 years behind; the request took 400 ms; the server answered at its mid-point.
    const sent = NOV_2026 - 3 * YEAR;
    expect(clockOffset(sent, sent + 400, NOV_2026 + 200)).toBe(3 * YEAR);
  });

  it('brings a phone set years ahead back to the server time, and leaves honest stamps alone', () => {
    const ahead = formatStamp({ ms: NOV_2026 + 4 * YEAR, counter: 2, device: 'd' });
    expect(clampStamp(ahead, NOV_2026)).toBe(formatStamp({ ms: NOV_2026, counter: 2, device: 'd' }));
    const honest = formatStamp({ ms: NOV_2026 + FUTURE_TOLERANCE_MS - 1, counter: 0, device: 'd' });
    expect(clampStamp(honest, NOV_2026)).toBe(honest);
  });

  it.each([
    ['a visit dated 1980', '1980-01-01T00:00:00.000Z', true],
    ['a visit dated next year', '2027-11-24T08:00:00.000Z', true],
    ['not a date at all', 'hôm qua', true],
    ['a visit this morning', '2026-11-24T01:00:00.000Z', false],
  ])('flags times that cannot be true: %s', (_name, iso, implausible) => {
    expect(isImplausibleTime(iso, NOV_2026)).toBe(implausible);
  });
});
