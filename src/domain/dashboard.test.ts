import { describe, expect, it } from 'vitest';
import { computeCoverage, coverage } from './coverage';
import { changeSince, dashboardRows, formatChange, NEAR_POINTS, shownPercent, standingOf } from './dashboard';
import { fixtureCommune, FIXTURE_HAMLETS, FIXTURE_YEAR } from '../../tests/fixtures/commune';

describe('a cell stands met, near (within 10 points) or far from its target', () => {
  it.each([
    ['at the target', coverage(8, 10, 80), 'met'],
    ['over the target', coverage(1234, 1500, 80), 'met'],
    ['just under', coverage(79, 100, 80), 'near'],
    [`exactly ${NEAR_POINTS} points short`, coverage(7, 10, 80), 'near'],
    ['a hair more than 10 points short', coverage(6999, 10000, 80), 'far'],
    ['far short', coverage(12447, 19958, 86), 'far'],
    ['a target of 100% with one missing', coverage(25683, 25684, 100), 'near'],
    ['a decimal target, met', coverage(625, 1000, 62.5), 'met'],
    ['no target', coverage(3, 10, null), 'no-target'],
    ['nobody counted yet', coverage(0, 0, 80), 'empty'],
    ['a target of 0% with people counted', coverage(0, 5, 0), 'met'],
  ])('%s', (_name, c, standing) => {
    expect(standingOf(c)).toBe(standing);
  });
});

describe('the change since the start of the period', () => {
  it.each([
    ['more people covered', coverage(50, 100, 80), coverage(62, 100, 80), { n: 12, points: 12 }, '+12 · +12 điểm'],
    ['covered up, denominator up more', coverage(50, 100, 80), coverage(55, 120, 80), { n: 5, points: -4.17 }, '+5 · −4,17 điểm'],
    ['nothing changed', coverage(1, 3, 80), coverage(1, 3, 80), { n: 0, points: 0 }, 'Không đổi'],
    ['nobody at the start', coverage(0, 0, 80), coverage(3, 4, 80), { n: 3, points: null }, '+3'],
    ['same count, larger denominator', coverage(5, 10, 80), coverage(5, 11, 80), { n: 0, points: -4.55 }, '0 · −4,55 điểm'],
    ['fewer covered (a person moved out)', coverage(1500, 2000, 80), coverage(1499, 2000, 80), { n: -1, points: -0.05 }, '−1 · −0,05 điểm'],
  ])('%s', (_name, start, now, change, text) => {
    expect(changeSince(start, now)).toEqual(change);
    expect(formatChange(changeSince(start, now))).toBe(text);
  });

  it('prints 99,99% rather than 100% while someone is missing, as the report does', () => {
    expect(shownPercent(coverage(19957, 19958, 100))).toBe(99.99);
    expect(shownPercent(coverage(5, 5, 100))).toBe(100);
    expect(shownPercent(coverage(0, 0, 100))).toBeNull();
  });
});

describe('dashboardRows', () => {
  const { households, people } = fixtureCommune(7, 200);
  const now = computeCoverage({ households, people, year: FIXTURE_YEAR });
  const start = computeCoverage({ households: households.slice(0, 100), people, year: FIXTURE_YEAR });
  const rows = dashboardRows(now, start, [...FIXTURE_HAMLETS, 'FX-EMPTY']);

  it('keeps every indicator and the commune figures as computed', () => {
    expect(rows.map((r) => r.indicator.id)).toEqual(now.map((r) => r.indicator.id));
    expect(rows.map((r) => r.commune.coverage)).toEqual(now.map((r) => r.commune));
  });

  it('gives a hamlet with nobody recorded an empty cell under the commune target', () => {
    for (const row of rows) {
      expect(row.byHamlet['FX-EMPTY']).toEqual({
        coverage: { n: 0, N: 0, percent: null, target: row.commune.coverage.target, met: null },
        standing: 'empty',
        change: { n: 0, points: null },
      });
    }
  });

  it('measures each hamlet against its own start', () => {
    const fiber = rows.find((r) => r.indicator.id === 'fiber');
    const fiberStart = start.find((r) => r.indicator.id === 'fiber');
    for (const code of FIXTURE_HAMLETS) {
      expect(fiber?.byHamlet[code]?.change?.n).toBe((fiber?.byHamlet[code]?.coverage.n ?? 0) - (fiberStart?.byHamlet[code]?.n ?? 0));
    }
  });
});

describe('dashboardRows before the start of the period is known', () => {
  it('gives every cell its figures now and no change yet', () => {
    const { households, people } = fixtureCommune(2026, 50);
    const now = computeCoverage({ households, people, year: 2026 });
    const rows = dashboardRows(now, null, [...FIXTURE_HAMLETS]);
    for (const row of rows) {
      expect(row.commune.change).toBeNull();
      expect(row.commune.coverage).toEqual(now.find((r) => r.indicator.id === row.indicator.id)?.commune);
      for (const code of FIXTURE_HAMLETS) expect(row.byHamlet[code]?.change).toBeNull();
    }
  });
});
