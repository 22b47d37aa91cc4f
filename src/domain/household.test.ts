import { describe, expect, it } from 'vitest';
import { Household, newHousehold } from './household';

const valid: Household = {
  ...newHousehold({ id: 'h1', communeCode: '20314', hamletCode: 'T1', createdAt: '2026-03-01T08:00:00Z' }),
  headName: 'Nguyễn Văn A',
  phone: '0912345678',
};

function firstIssue(record: unknown): [string, string] | undefined {
  const issue = Household.safeParse(record).error?.issues[0];
  return issue && [issue.path.join('.'), issue.message];
}

const PHONE_MESSAGE = 'Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0';

describe('Household schema', () => {
  it('parses a valid household and trims its text fields', () => {
    expect(Household.parse({ ...valid, headName: ' Nguyễn Văn A ', phone: ' 0912345678 ', houseNumber: ' 12 ' })).toEqual({ ...valid, houseNumber: '12' });
  });

  it.each(['', '0912345678', '02033123456'])('accepts phone %j (none, 10-digit mobile, 11-digit landline)', (phone) => {
    expect(firstIssue({ ...valid, phone })).toBeUndefined();
  });

  it.each(['912345678', '091234567', '091234567890', '0912 345 678', '+84912345678', '09123456ab'])('rejects phone %j', (phone) => {
    expect(firstIssue({ ...valid, phone })).toEqual(['phone', PHONE_MESSAGE]);
  });

  it.each([
    ['no hamlet', { hamletCode: '' }, 'hamletCode', 'Chọn thôn/tổ dân phố'],
    ['empty head name', { headName: '  ' }, 'headName', 'Nhập họ tên chủ hộ'],
    ['head name over 100 characters', { headName: 'a'.repeat(101) }, 'headName', 'Họ tên quá dài'],
    ['house number over 30 characters', { houseNumber: '1'.repeat(31) }, 'houseNumber', 'Số nhà quá dài'],
    ['street over 120 characters', { street: 'x'.repeat(121) }, 'street', 'Địa chỉ quá dài'],
  ])('rejects %s with its Vietnamese message', (_, change, path, message) => {
    expect(firstIssue({ ...valid, ...change })).toEqual([path, message]);
  });

  it('rejects an unknown poverty status', () => {
    expect(firstIssue({ ...valid, poverty: 'rich' })?.[0]).toBe('poverty');
  });

  it.each([
    [{ lat: 15.3, lng: 108.5, accuracyM: 12, takenAt: '2026-03-01T08:00:00Z' }, undefined],
    [{ lat: 91, lng: 108.5, accuracyM: 12, takenAt: '2026-03-01T08:00:00Z' }, 'location.lat'],
    [{ lat: 15.3, lng: -181, accuracyM: 12, takenAt: '2026-03-01T08:00:00Z' }, 'location.lng'],
    [{ lat: 15.3, lng: 108.5, accuracyM: -1, takenAt: '2026-03-01T08:00:00Z' }, 'location.accuracyM'],
  ])('location %j → issue at %s', (location, path) => {
    expect(firstIssue({ ...valid, location })?.[0]).toBe(path);
  });
});

describe('Household schema: expected members (from the commune\'s list)', () => {
  it('is optional, so records made before it still parse', () => {
    expect(firstIssue(valid)).toBeUndefined();
  });

  it.each([
    [[{ name: ' Lò Thị Em ', birthYear: 1990 }], undefined],
    [[], undefined],
    [[{ name: '', birthYear: 1990 }], ['expectedMembers.0.name', 'Thiếu họ tên thành viên']],
    [[{ name: 'Em', birthYear: 1899 }], ['expectedMembers.0.birthYear', 'Năm sinh phải từ 1900 trở đi']],
    [[{ name: 'Em', birthYear: 1990.5 }], ['expectedMembers.0.birthYear', 'Nhập năm sinh bằng số']],
    [Array.from({ length: 61 }, (_, i) => ({ name: `Người ${i}`, birthYear: 1990 })), ['expectedMembers', 'Hộ có quá 60 thành viên trong danh sách']],
  ])('%j → %j', (expectedMembers, issue) => {
    expect(firstIssue({ ...valid, expectedMembers })).toEqual(issue);
  });
});

describe('newHousehold', () => {
  it('starts with nothing recorded and updatedAt = createdAt', () => {
    const h = newHousehold({ id: 'h2', communeCode: '20314', hamletCode: 'T1', createdAt: '2026-03-01T08:00:00Z' });
    expect(h).toMatchObject({ fiber: false, smartDevice: false, digitalAddress: false, poverty: 'none', business: false, updatedAt: '2026-03-01T08:00:00Z' });
  });
});
