import { describe, expect, it } from 'vitest';
import type { Account } from '../domain/accounts';
import { accountHamletFilter, scopeShrank } from './account-scope';

const member: Account = { userId: 'u', username: 'demo.member', displayName: 'Tổ', role: 'member', provinceCode: 'P', communeCode: 'X1', hamletCodes: null };
const only = (...hamletCodes: string[]): Account => ({ ...member, hamletCodes });

describe('account scope on the phone', () => {
  it('lets an account see all hamlets of its commune, or only its own', () => {
    expect(['T1', 'T2'].filter(accountHamletFilter(member))).toEqual(['T1', 'T2']);
    expect(['T1', 'T2'].filter(accountHamletFilter(only('T2')))).toEqual(['T2']);
  });

  it('says the scope shrank when records on the phone may now be out of it', () => {
    expect(scopeShrank(member, { ...member, communeCode: 'X2' })).toBe(true);
    expect(scopeShrank(member, { ...member, role: 'province', communeCode: null })).toBe(true);
    expect(scopeShrank(member, only('T1'))).toBe(true);
    expect(scopeShrank(only('T1', 'T2'), only('T1'))).toBe(true);
  });

  it('does not for the same or a wider scope, a new name, or a role that held nothing', () => {
    expect(scopeShrank(member, { ...member, displayName: 'Tên mới', role: 'lead' })).toBe(false);
    expect(scopeShrank(only('T1'), only('T1', 'T2'))).toBe(false);
    expect(scopeShrank(only('T1'), member)).toBe(false);
    expect(scopeShrank({ ...member, role: 'province', communeCode: null }, member)).toBe(false);
  });
});
