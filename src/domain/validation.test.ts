import { describe, expect, it } from 'vitest';
import { newHousehold, type Household } from './household';
import { newPerson, type Person } from './person';
import { checkHouseholdForm, personRuleErrors, type FieldErrors } from './validation';

/** The form's errors alone; none when it can be saved. */
function validateHouseholdForm(household: Household, people: readonly Person[], now: Date): FieldErrors {
  const checked = checkHouseholdForm(household, people, now);
  return checked.ok ? {} : checked.errors;
}

const household = (change: Partial<Household> = {}): Household => ({
  ...newHousehold({ id: 'h1', communeCode: 'X1', hamletCode: 'T1', createdAt: '2026-03-01' }),
  headName: 'Nguyễn Văn A',
  ...change,
});

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

const IN_2026 = new Date(2026, 5, 15);

describe('validateHouseholdForm', () => {
  it('returns no errors for a valid household', () => {
    expect(validateHouseholdForm(household({ phone: '0912345678' }), [person(), person({ id: 'p2', birthYear: 2020 })], IN_2026)).toEqual({});
  });

  it.each<[string, Household, Person[], Record<string, string>]>([
    ['a bad phone', household({ phone: '12345' }), [], { 'household.phone': 'Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0' }],
    ['no head name', household({ headName: '' }), [], { 'household.headName': 'Nhập họ tên chủ hộ' }],
    ['a birth year out of range', household(), [person({ birthYear: 1850 })], { 'people.0.birthYear': 'Năm sinh phải từ 1900 trở đi' }],
    ['the second member without a name', household(), [person(), person({ id: 'p2', name: ' ' })], { 'people.1.name': 'Nhập họ và tên' }],
    ['consent without a team member', household(), [person({ consent: { ...person().consent, recordedBy: '' } })], { 'people.0.consent.recordedBy': 'Nhập tên thành viên tổ ghi nhận' }],
    ['a birth year after the current year', household(), [person({ birthYear: 2027 })], { 'people.0.birthYear': 'Năm sinh không được sau năm hiện tại' }],
    [
      'errors in the household and two members',
      household({ phone: 'abc' }),
      [person({ name: '' }), person({ id: 'p2', eHealthRecord: true })],
      {
        'household.phone': 'Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0',
        'people.0.name': 'Nhập họ và tên',
        'people.1.eHealthRecord': 'Hồ sơ sức khỏe điện tử nằm trong VNeID: cần tài khoản VNeID đã kích hoạt',
      },
    ],
  ])('keys the Vietnamese message by path for %s', (_, h, people, errors) => {
    expect(validateHouseholdForm(h, people, IN_2026)).toEqual(errors);
  });

  it('takes the current year from `now`, not the clock', () => {
    const born2027 = [person({ birthYear: 2027 })];
    expect(Object.keys(validateHouseholdForm(household(), born2027, IN_2026))).toEqual(['people.0.birthYear']);
    expect(validateHouseholdForm(household(), born2027, new Date(2027, 0, 1))).toEqual({});
  });
});

describe('checkHouseholdForm', () => {
  it('gives the records as they are saved, trimmed by the schemas', () => {
    const checked = checkHouseholdForm(household({ headName: ' Lò Văn A ' }), [person({ name: 'Lò Thị B  ' })], IN_2026);
    expect(checked.ok && [checked.household.headName, checked.people.map((p) => p.name)]).toEqual(['Lò Văn A', ['Lò Thị B']]);
  });

  it('gives no records when a rule across fields fails', () => {
    expect(checkHouseholdForm(household(), [person({ birthYear: 2027 })], IN_2026)).toEqual({ ok: false, errors: { 'people.0.birthYear': 'Năm sinh không được sau năm hiện tại' } });
  });
});

describe('personRuleErrors', () => {
  it.each<[string, Partial<Person>, number, Record<string, string>]>([
    ['an adult with nothing yet', {}, 2026, {}],
    ['born after the current year', { birthYear: 2027 }, 2026, { birthYear: 'Năm sinh không được sau năm hiện tại' }],
    ['born in the current year', { birthYear: 2026 }, 2026, {}],
    ['a 5-year-old with a VNeID dossier', { birthYear: 2021, vneid: 'l2_collected' }, 2026, { vneid: 'Trẻ dưới 6 tuổi chưa được cấp tài khoản định danh điện tử' }],
    ['a 6-year-old with VNeID (on request)', { birthYear: 2020, vneid: 'l2_active' }, 2026, {}],
    ['a 5-year-old without VNeID', { birthYear: 2021 }, 2026, {}],
    ['e-health without VNeID', { eHealthRecord: true }, 2026, { eHealthRecord: 'Hồ sơ sức khỏe điện tử nằm trong VNeID: cần tài khoản VNeID đã kích hoạt' }],
    ['e-health with VNeID waiting activation', { eHealthRecord: true, vneid: 'approved_waiting' }, 2026, { eHealthRecord: 'Hồ sơ sức khỏe điện tử nằm trong VNeID: cần tài khoản VNeID đã kích hoạt' }],
    ['e-health with VNeID level 1 active', { eHealthRecord: true, vneid: 'l1_active' }, 2026, {}],
    ['e-health with VNeID level 2 active', { eHealthRecord: true, vneid: 'l2_active' }, 2026, {}],
    ['a public service used without an account', { publicServiceUsed: true }, 2026, { publicServiceUsed: 'Đã dùng dịch vụ công trực tuyến thì phải có tài khoản dịch vụ công' }],
    ['a public service used with an account', { publicServiceUsed: true, publicServiceAccount: true }, 2026, {}],
  ])('%s', (_, change, year, errors) => {
    expect(personRuleErrors(person(change), year)).toEqual(errors);
  });

  it('judges age by the year given: 5 in 2025, 6 in 2026', () => {
    const child = person({ birthYear: 2020, vneid: 'l1_submitted' });
    expect([2025, 2026].map((year) => Object.keys(personRuleErrors(child, year)))).toEqual([['vneid'], []]);
  });
});
