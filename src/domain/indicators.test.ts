import { describe, expect, it } from 'vitest';
import { newHousehold, type Household } from './household';
import {
  INDICATORS,
  inPersonPopulation,
  isHouseholdIndicator,
  meetsHouseholdRule,
  meetsPersonRule,
  type HouseholdIndicator,
  type PersonIndicator,
} from './indicators';
import { newPerson, type Person } from './person';

const YEAR = 2026;

function person(change: Partial<Person> = {}): Person {
  const base = newPerson({
    id: 'p1',
    householdId: 'h1',
    name: 'Nguyễn Văn A',
    birthYear: 1990,
    consent: { givenBy: 'self', givenAt: '2026-03-01', recordedBy: 'Tổ', textVersion: 'v1' },
    updatedAt: '2026-03-01',
  });
  return { ...base, ...change };
}

const household = (change: Partial<Household> = {}): Household => ({
  ...newHousehold({ id: 'h1', communeCode: 'X1', hamletCode: 'T1', createdAt: '2026-03-01' }),
  ...change,
});

function personIndicator(id: string): PersonIndicator {
  const indicator = INDICATORS.find((i) => i.id === id);
  if (indicator === undefined || isHouseholdIndicator(indicator)) throw new Error(`no person indicator ${id}`);
  return indicator;
}

function householdIndicator(id: string): HouseholdIndicator {
  const indicator = INDICATORS.find((i) => i.id === id);
  if (indicator === undefined || !isHouseholdIndicator(indicator)) throw new Error(`no household indicator ${id}`);
  return indicator;
}

/** Person indicators and their population's inclusive age bounds, as the domain brief sets them. */
const PERSON_POPULATIONS: [id: string, minAge: number, maxAge: number | null][] = [
  ['smartphone', 18, null],
  ['vneid_l2', 14, null],
  ['payment', 15, null],
  ['signature', 18, null],
  ['public_service_account', 18, null],
  ['public_service_used', 18, null],
  ['ehealth', 0, null],
  ['skills', 15, 60],
  ['cyber_protection', 0, null],
];
const HOUSEHOLD_INDICATORS = ['fiber', 'digital_address'];

describe('indicator catalogue', () => {
  it('holds exactly the indicators of the brief, each once', () => {
    expect(INDICATORS.map((i) => i.id).sort()).toEqual([...PERSON_POPULATIONS.map(([id]) => id), ...HOUSEHOLD_INDICATORS].sort());
  });

  it.each(HOUSEHOLD_INDICATORS)('%s counts households', (id) => {
    expect(householdIndicator(id).population.kind).toBe('household');
  });

  it.each([
    ['smartphone', 80], ['fiber', 80], ['payment', 80], ['signature', 50], ['public_service_used', 50], ['ehealth', 90], ['skills', 70],
    ['vneid_l2', null], ['public_service_account', null], ['digital_address', null], ['cyber_protection', null],
  ])('%s: national 2025 target (QĐ 411/QĐ-TTg) %s', (id, target) => {
    expect(INDICATORS.find((i) => i.id === id)?.nationalTarget).toBe(target);
  });
});

describe('inPersonPopulation', () => {
  it.each(PERSON_POPULATIONS)('%s: ages %i to %s', (id, minAge, maxAge) => {
    const { population } = personIndicator(id);
    const aged = (age: number) => inPersonPopulation(population, person({ birthYear: YEAR - age }), YEAR);
    if (minAge > 0) expect(aged(minAge - 1)).toBe(false);
    expect(aged(minAge)).toBe(true);
    if (maxAge === null) {
      expect(aged(100)).toBe(true);
    } else {
      expect(aged(maxAge)).toBe(true);
      expect(aged(maxAge + 1)).toBe(false);
    }
  });

  it.each([
    ['here', true],
    ['away', false],
    ['moved', false],
    ['deceased', false],
  ] as const)('residence %s → counted %s, in every person population', (residence, counted) => {
    for (const [id] of PERSON_POPULATIONS) {
      expect([id, inPersonPopulation(personIndicator(id).population, person({ residence }), YEAR)]).toEqual([id, counted]);
    }
  });

  it('takes the year as an input: 17 this year, adult next year', () => {
    const { population } = personIndicator('smartphone');
    expect([2025, 2026].map((year) => inPersonPopulation(population, person({ birthYear: 2008 }), year))).toEqual([false, true]);
  });
});

describe('meetsPersonRule', () => {
  it.each<[string, Partial<Person>, boolean]>([
    ['smartphone', { phone: 'smartphone' }, true],
    ['smartphone', { phone: 'basic_4g' }, false],
    ['smartphone', { phone: 'basic_2g' }, false],
    ['smartphone', { phone: 'none' }, false],
    ['vneid_l2', { vneid: 'l2_active' }, true],
    ['vneid_l2', { vneid: 'l1_active' }, false],
    ['vneid_l2', { vneid: 'approved_waiting' }, false],
    ['vneid_l2', { vneid: 'l2_collected' }, false],
    ['vneid_l2', { vneid: 'l1_submitted' }, false],
    ['vneid_l2', { vneid: 'rejected' }, false],
    ['vneid_l2', { vneid: 'none' }, false],
    ['payment', { payment: 'bank' }, true],
    ['payment', { payment: 'ewallet' }, true],
    ['payment', { payment: 'mobile_money' }, true],
    ['payment', { payment: 'none' }, false],
    ['signature', { digitalSignature: true }, true],
    ['signature', { digitalSignature: false }, false],
    ['public_service_account', { publicServiceAccount: true }, true],
    ['public_service_account', { publicServiceAccount: false }, false],
    ['public_service_used', { publicServiceUsed: true, publicServiceAccount: true }, true],
    ['public_service_used', { publicServiceUsed: false, publicServiceAccount: true }, false],
    ['ehealth', { eHealthRecord: true }, true],
    ['ehealth', { eHealthRecord: false, vneid: 'l2_active' }, false],
    ['skills', { skills: ['safety'] }, true],
    ['skills', { skills: ['public_services', 'commerce', 'payment', 'safety', 'local_platforms'] }, true],
    ['skills', { skills: [] }, false],
    ['cyber_protection', { cyberProtection: true }, true],
    ['cyber_protection', { cyberProtection: false, vssid: true }, false],
  ])('%s with %j → %s', (id, change, met) => {
    expect(meetsPersonRule(personIndicator(id).rule, person(change))).toBe(met);
  });
});

describe('meetsHouseholdRule', () => {
  it.each<[string, Partial<Household>, boolean]>([
    ['fiber', { fiber: true }, true],
    ['fiber', { fiber: false, smartDevice: true }, false],
    ['digital_address', { digitalAddress: true }, true],
    ['digital_address', { digitalAddress: false, fiber: true }, false],
  ])('%s with %j → %s', (id, change, met) => {
    expect(meetsHouseholdRule(householdIndicator(id).rule, household(change))).toBe(met);
  });
});
