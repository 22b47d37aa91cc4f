import { describe, expect, it } from 'vitest';
import { ageGroup, ageInYear } from './age';

describe('ageInYear / ageGroup', () => {
  it.each([
    [2013, 13, 'under_14'],
    [2012, 14, 'age_14'],
    [2011, 15, 'age_15_17'],
    [2009, 17, 'age_15_17'],
    [2008, 18, 'age_18_60'],
    [1966, 60, 'age_18_60'],
    [1965, 61, 'over_60'],
    [2026, 0, 'under_14'],
  ] as const)('born %i: %i in 2026, %s', (birthYear, age, group) => {
    expect(ageInYear(birthYear, 2026)).toBe(age);
    expect(ageGroup(birthYear, 2026)).toBe(group);
  });

  it('reads the reference year, not the clock', () => {
    expect([ageGroup(2008, 2025), ageGroup(2008, 2026)]).toEqual(['age_15_17', 'age_18_60']);
  });
});
