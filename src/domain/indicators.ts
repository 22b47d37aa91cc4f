// The indicator catalogue of the domain brief, as data: who is counted (population), who
// counts as covered (numerator rule), and the default and national targets.
import type { Person } from './person';
import type { Household } from './household';

export type PersonPopulation = {
  kind: 'person';
  /** Inclusive age bounds; only people living here are counted. */
  minAge: number;
  maxAge?: number;
  label: string;
};
export type HouseholdPopulation = { kind: 'household'; label: string };
export type Population = PersonPopulation | HouseholdPopulation;

export const POPULATIONS = {
  persons: { kind: 'person', minAge: 0, label: 'Người dân' },
  persons14: { kind: 'person', minAge: 14, label: 'Người từ 14 tuổi' },
  persons15: { kind: 'person', minAge: 15, label: 'Người từ 15 tuổi' },
  workingAge: { kind: 'person', minAge: 15, maxAge: 60, label: 'Người trong độ tuổi lao động (15–60)' },
  adults: { kind: 'person', minAge: 18, label: 'Người trưởng thành (từ 18 tuổi)' },
  households: { kind: 'household', label: 'Hộ gia đình' },
} as const satisfies Record<string, Population>;

/** A numerator rule: the field's value must be one of `values` (or, for lists, not empty). */
export type PersonRule = { field: keyof Person; values: readonly unknown[] } | { field: 'skills'; nonEmpty: true };
export type HouseholdRule = { field: keyof Household; values: readonly unknown[] };

type IndicatorBase = {
  id: string;
  /** As written in reports: "Tỷ lệ … có …". */
  name: string;
  /** Fits on a badge: what a household still lacks. */
  lacking: string;
  /** Percent, or null where the seeds give none. */
  defaultTarget: number | null;
  /** Quyết định 411/QĐ-TTg, 2025 targets (null where it sets none). */
  nationalTarget: number | null;
};
export type PersonIndicator = IndicatorBase & { population: PersonPopulation; rule: PersonRule };
export type HouseholdIndicator = IndicatorBase & { population: HouseholdPopulation; rule: HouseholdRule };
export type Indicator = PersonIndicator | HouseholdIndicator;

export const INDICATORS: readonly Indicator[] = [
  {
    id: 'smartphone',
    name: 'Tỷ lệ người dân trưởng thành có điện thoại thông minh',
    lacking: 'điện thoại thông minh',
    population: POPULATIONS.adults,
    rule: { field: 'phone', values: ['smartphone'] },
    defaultTarget: 80,
    nationalTarget: 80,
  },
  {
    id: 'fiber',
    name: 'Tỷ lệ hộ gia đình có kết nối Internet cáp quang băng rộng',
    lacking: 'cáp quang',
    population: POPULATIONS.households,
    rule: { field: 'fiber', values: [true] },
    defaultTarget: 75,
    nationalTarget: 80,
  },
  {
    id: 'vneid_l2',
    name: 'Tỷ lệ người dân có tài khoản định danh điện tử VNeID mức 2 đã kích hoạt',
    lacking: 'VNeID mức 2',
    population: POPULATIONS.persons14,
    rule: { field: 'vneid', values: ['l2_active'] },
    defaultTarget: 100,
    nationalTarget: null,
  },
  {
    id: 'payment',
    name: 'Tỷ lệ người dân từ 15 tuổi trở lên có tài khoản ngân hàng hoặc tài khoản thanh toán điện tử',
    lacking: 'tài khoản thanh toán',
    population: POPULATIONS.persons15,
    rule: { field: 'payment', values: ['bank', 'ewallet', 'mobile_money'] },
    defaultTarget: 80,
    nationalTarget: 80,
  },
  {
    id: 'signature',
    name: 'Tỷ lệ người dân trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân',
    lacking: 'chữ ký số',
    population: POPULATIONS.adults,
    rule: { field: 'digitalSignature', values: [true] },
    defaultTarget: 50,
    nationalTarget: 50,
  },
  {
    id: 'public_service_account',
    name: 'Tỷ lệ người dân trưởng thành có tài khoản dịch vụ công trực tuyến',
    lacking: 'tài khoản dịch vụ công',
    population: POPULATIONS.adults,
    rule: { field: 'publicServiceAccount', values: [true] },
    defaultTarget: 65,
    nationalTarget: null,
  },
  {
    id: 'public_service_used',
    name: 'Tỷ lệ người dân trưởng thành sử dụng dịch vụ công trực tuyến',
    lacking: 'đã dùng dịch vụ công',
    population: POPULATIONS.adults,
    rule: { field: 'publicServiceUsed', values: [true] },
    defaultTarget: 40,
    nationalTarget: 50,
  },
  {
    id: 'ehealth',
    name: 'Tỷ lệ người dân có hồ sơ sức khỏe điện tử',
    lacking: 'hồ sơ sức khỏe điện tử',
    population: POPULATIONS.persons,
    rule: { field: 'eHealthRecord', values: [true] },
    defaultTarget: 80,
    nationalTarget: 90,
  },
  {
    id: 'skills',
    name: 'Tỷ lệ người trong độ tuổi lao động được phổ cập kỹ năng số cơ bản',
    lacking: 'kỹ năng số',
    population: POPULATIONS.workingAge,
    rule: { field: 'skills', nonEmpty: true },
    defaultTarget: 60,
    nationalTarget: 70,
  },
  {
    id: 'digital_address',
    name: 'Tỷ lệ hộ gia đình được gắn địa chỉ số',
    lacking: 'địa chỉ số',
    population: POPULATIONS.households,
    rule: { field: 'digitalAddress', values: [true] },
    defaultTarget: 20,
    nationalTarget: null,
  },
  {
    id: 'cyber_protection',
    name: 'Tỷ lệ người dân cài đặt phần mềm bảo vệ an toàn thông tin cơ bản',
    lacking: 'phần mềm an toàn',
    population: POPULATIONS.persons,
    rule: { field: 'cyberProtection', values: [true] },
    defaultTarget: null,
    nationalTarget: null,
  },
];

/** Whether a person is in an indicator's population in `year`: living here and of the right age. */
export function inPersonPopulation(population: PersonPopulation, person: Person, year: number): boolean {
  if (person.residence !== 'here') return false;
  const age = year - person.birthYear;
  return age >= population.minAge && (population.maxAge === undefined || age <= population.maxAge);
}

export function meetsPersonRule(rule: PersonRule, person: Person): boolean {
  if ('nonEmpty' in rule) return person[rule.field].length > 0;
  return rule.values.includes(person[rule.field]);
}

export function meetsHouseholdRule(rule: HouseholdRule, household: Household): boolean {
  return rule.values.includes(household[rule.field]);
}

export function isHouseholdIndicator(indicator: Indicator): indicator is HouseholdIndicator {
  return indicator.population.kind === 'household';
}
