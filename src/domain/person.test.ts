import { describe, expect, it } from 'vitest';
import { INDICATORS, isHouseholdIndicator, meetsPersonRule } from './indicators';
import { Person, VneidStatus, isActiveVneid, newPerson } from './person';

const valid = newPerson({
  id: 'p1',
  householdId: 'h1',
  name: 'Nguyễn Văn A',
  birthYear: 1990,
  consent: { givenBy: 'self', givenAt: '2026-03-01T08:00:00Z', recordedBy: 'Lò Văn Tổ', textVersion: 'v1-2026-11' },
  updatedAt: '2026-03-01T08:00:00Z',
});

/** The first issue's path and message, or undefined when the record parses. */
function firstIssue(record: unknown): [string, string] | undefined {
  const result = Person.safeParse(record);
  const issue = result.error?.issues[0];
  return issue && [issue.path.join('.'), issue.message];
}

describe('Person schema', () => {
  it('parses a valid person and trims the name', () => {
    expect(Person.parse({ ...valid, name: '  Nguyễn Văn A ' })).toEqual(valid);
  });

  it.each([
    ['empty name', { name: '' }, 'name', 'Nhập họ và tên'],
    ['blank name', { name: '   ' }, 'name', 'Nhập họ và tên'],
    ['name over 100 characters', { name: 'a'.repeat(101) }, 'name', 'Họ tên quá dài'],
    ['birth year before 1900', { birthYear: 1899 }, 'birthYear', 'Năm sinh phải từ 1900 trở đi'],
    ['birth year after 2200', { birthYear: 2201 }, 'birthYear', 'Năm sinh không hợp lệ'],
    ['fractional birth year', { birthYear: 1990.5 }, 'birthYear', 'Nhập năm sinh bằng số'],
    ['birth year as text', { birthYear: '1990' }, 'birthYear', 'Nhập năm sinh bằng số'],
    ['consent without team member', { consent: { ...valid.consent, recordedBy: '  ' } }, 'consent.recordedBy', 'Nhập tên thành viên tổ ghi nhận'],
  ])('rejects %s with its Vietnamese message', (_, change, path, message) => {
    expect(firstIssue({ ...valid, ...change })).toEqual([path, message]);
  });

  it.each([1900, 2200])('accepts birth year %i at the edge of the range', (birthYear) => {
    expect(firstIssue({ ...valid, birthYear })).toBeUndefined();
  });

  it.each([
    ['residence', 'visiting'],
    ['phone', 'iphone'],
    ['vneid', 'l3_active'],
    ['payment', 'cash'],
    ['skills', ['cooking']],
  ])('rejects an unknown %s value', (field, value) => {
    expect(firstIssue({ ...valid, [field]: value })?.[0]).toMatch(new RegExp(`^${field}`));
  });
});

describe('isActiveVneid', () => {
  it.each(VneidStatus.options.map((s) => [s, s === 'l1_active' || s === 'l2_active'] as const))('%s → %s', (status, active) => {
    expect(isActiveVneid(status)).toBe(active);
  });
});

describe('newPerson', () => {
  it('starts living here with every status "not yet", so it meets no person indicator', () => {
    expect(valid.residence).toBe('here');
    const met = INDICATORS.filter((i) => !isHouseholdIndicator(i) && meetsPersonRule(i.rule, valid)).map((i) => i.id);
    expect(met).toEqual([]);
  });
});
