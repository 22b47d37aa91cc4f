import { describe, expect, it } from 'vitest';
import { computeCoverage, coverage, householdGaps, targetOf, type IndicatorCoverage } from './coverage';
import { newHousehold, type Household } from './household';
import { INDICATORS, type Indicator } from './indicators';
import { newPerson, type Person } from './person';

const YEAR = 2026;

const household = (id: string, hamletCode: string, change: Partial<Household> = {}): Household => ({
  ...newHousehold({ id, communeCode: 'X1', hamletCode, createdAt: '2026-03-01' }),
  ...change,
});

function person(id: string, householdId: string, change: Partial<Person> = {}): Person {
  const base = newPerson({
    id,
    householdId,
    name: `Người ${id}`,
    birthYear: 1990,
    consent: { givenBy: 'self', givenAt: '2026-03-01', recordedBy: 'Tổ', textVersion: 'v1' },
    updatedAt: '2026-03-01',
  });
  return { ...base, ...change };
}

function indicator(id: string): Indicator {
  const found = INDICATORS.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no indicator ${id}`);
  return found;
}

function of(result: readonly IndicatorCoverage[], id: string): IndicatorCoverage {
  const found = result.find((c) => c.indicator.id === id);
  if (found === undefined) throw new Error(`no coverage for ${id}`);
  return found;
}

// Two hamlets: T1 with two households, T2 with one.
const households = [household('h1', 'T1', { fiber: true }), household('h2', 'T1'), household('h3', 'T2', { fiber: true, digitalAddress: true })];
const people = [
  person('a', 'h1', { phone: 'smartphone' }),
  person('b', 'h1', { phone: 'basic_2g' }),
  person('c', 'h1', { birthYear: 2010, phone: 'smartphone' }), // 16: not an adult
  person('d', 'h2', { phone: 'smartphone', residence: 'away' }), // not living here
  person('e', 'h2', { phone: 'smartphone', residence: 'deceased' }),
  person('f', 'h2'),
  person('g', 'h3', { phone: 'smartphone' }),
  person('x', 'h-elsewhere', { phone: 'smartphone' }), // household not in the list
];
const result = computeCoverage({ households, people, year: YEAR });

describe('computeCoverage', () => {
  it('counts a household indicator per hamlet and for the commune', () => {
    const fiber = of(result, 'fiber');
    expect([fiber.byHamlet.T1, fiber.byHamlet.T2, fiber.commune].map((c) => c && [c.n, c.N])).toEqual([[1, 2], [1, 1], [2, 3]]);
  });

  it('counts only adults living here, in households of the list', () => {
    const smartphone = of(result, 'smartphone');
    expect([smartphone.byHamlet.T1, smartphone.byHamlet.T2, smartphone.commune].map((c) => c && [c.n, c.N])).toEqual([[1, 3], [1, 1], [2, 4]]);
  });

  it.each(INDICATORS.map((i) => i.id))('%s: hamlet totals add up to the commune', (id) => {
    const { byHamlet, commune } = of(result, id);
    const hamlets = Object.values(byHamlet);
    expect([hamlets.reduce((s, c) => s + c.n, 0), hamlets.reduce((s, c) => s + c.N, 0)]).toEqual([commune.n, commune.N]);
  });

  it('computes percent and the verdict against the default target', () => {
    expect(of(result, 'smartphone').commune).toEqual({ n: 2, N: 4, percent: 50, target: 80, met: false });
    expect(of(result, 'fiber').byHamlet.T2).toEqual({ n: 1, N: 1, percent: 100, target: 75, met: true });
  });

  it('applies target overrides, including null, and defaults for the rest', () => {
    const overridden = computeCoverage({ households, people, year: YEAR, targets: { fiber: 60, smartphone: null } });
    expect(of(overridden, 'fiber').commune).toMatchObject({ target: 60, met: true });
    expect(of(overridden, 'smartphone').commune).toMatchObject({ target: null, met: null });
    expect(of(overridden, 'payment').commune.target).toBe(80);
  });

  it('gives percent null and met null when nobody is in the population', () => {
    const empty = computeCoverage({ households: [household('h1', 'T1')], people: [], year: YEAR });
    expect(of(empty, 'smartphone')).toMatchObject({ commune: { n: 0, N: 0, percent: null, met: null }, byHamlet: {} });
  });

  it('takes the year as an input', () => {
    const teen = [person('t', 'h1', { birthYear: 2008, phone: 'smartphone' })];
    const at = (year: number) => of(computeCoverage({ households, people: teen, year }), 'smartphone').commune.N;
    expect([at(2025), at(2026)]).toEqual([0, 1]);
  });

  it('computes only the indicators asked for', () => {
    expect(computeCoverage({ households, people, year: YEAR, indicators: [indicator('fiber')] }).map((c) => c.indicator.id)).toEqual(['fiber']);
  });
});

describe('coverage', () => {
  it.each([
    [4, 5, 80, 80, true],
    [57, 100, 57, 57, true], // (57 / 100) * 100 is 56.99999999999999 in floating point
    [29, 50, 58, 58, true], // likewise 57.99999999999999
    [3, 5, 80, 60, false],
    [79, 100, 80, 79, false],
    [5, 5, 100, 100, true],
    [0, 5, 0, 0, true],
    [4, 5, null, 80, null],
    [0, 0, 80, null, null],
  ])('%i/%i against %s%% → percent %s, met %s', (n, N, target, percent, met) => {
    const c = coverage(n, N, target);
    expect(c.percent === null ? null : Number(c.percent.toFixed(9))).toBe(percent);
    expect(c.met).toBe(met);
  });
});

describe('targetOf', () => {
  it.each([
    [{}, 80],
    [{ smartphone: 95 }, 95],
    [{ smartphone: null }, null],
    [{ fiber: 50 }, 80],
  ])('smartphone with targets %j → %s', (targets, target) => {
    expect(targetOf(indicator('smartphone'), targets)).toBe(target);
  });

  it('keeps a null default target', () => {
    expect(targetOf(indicator('cyber_protection'))).toBeNull();
  });
});

describe('householdGaps', () => {
  const gaps = (h: Household, ps: Person[]) => householdGaps(h, ps, YEAR).map((g) => [g.indicator.id, g.count]);

  it('counts, per indicator, the people in its population who lack it, and 1 for the household', () => {
    const adult = person('a', 'h1');
    const child = person('c', 'h1', { birthYear: 2016 }); // 10
    const away = person('w', 'h1', { residence: 'away' });
    expect(gaps(household('h1', 'T1'), [adult, child, away])).toEqual([
      ['smartphone', 1], ['fiber', 1], ['vneid_l2', 1], ['payment', 1], ['signature', 1], ['public_service_account', 1],
      ['public_service_used', 1], ['ehealth', 2], ['skills', 1], ['digital_address', 1], ['cyber_protection', 2],
    ]);
  });

  it('is empty for a household that has everything', () => {
    const done = person('a', 'h1', {
      phone: 'smartphone', vneid: 'l2_active', payment: 'bank', digitalSignature: true, publicServiceAccount: true,
      publicServiceUsed: true, eHealthRecord: true, skills: ['safety'], cyberProtection: true,
    });
    expect(gaps(household('h1', 'T1', { fiber: true, digitalAddress: true }), [done])).toEqual([]);
  });
});
