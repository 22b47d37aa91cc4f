import { describe, expect, it } from 'vitest';
import { CONSENT_TEXT_VERSION, Consent } from './consent';

const valid: Consent = { givenBy: 'guardian', givenAt: '2026-03-01T08:00:00Z', recordedBy: 'Lò Văn Tổ', textVersion: CONSENT_TEXT_VERSION };

describe('Consent schema', () => {
  it.each(['self', 'guardian', 'household_head'] as const)('parses consent given by %s', (givenBy) => {
    expect(Consent.parse({ ...valid, givenBy })).toEqual({ ...valid, givenBy });
  });

  it('trims the team member name', () => {
    expect(Consent.parse({ ...valid, recordedBy: ' Lò Văn Tổ ' }).recordedBy).toBe('Lò Văn Tổ');
  });

  it.each([
    [{ recordedBy: '' }, 'recordedBy', 'Nhập tên thành viên tổ ghi nhận'],
    [{ recordedBy: '   ' }, 'recordedBy', 'Nhập tên thành viên tổ ghi nhận'],
  ])('rejects %j with its Vietnamese message', (change, path, message) => {
    const issue = Consent.safeParse({ ...valid, ...change }).error?.issues[0];
    expect([issue?.path.join('.'), issue?.message]).toEqual([path, message]);
  });

  it.each([{ givenBy: 'neighbour' }, { givenAt: '' }, { textVersion: '' }])('rejects %j', (change) => {
    expect(Consent.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
