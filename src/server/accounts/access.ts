// Who may do what, as pure functions over an account and the areas: the access matrix of
// docs/security.md. The API asks these; it never decides on its own.
import type { Account } from '../../domain/accounts';
import { seesPersonalData } from '../../domain/roles';
import type { Area } from '../../domain/areas';
import type { Scope } from '../sync/store';

/**
 * Who is calling: an account on a signed-in device, or (while phones move to accounts) a phone
 * with the old shared sync token of one commune, which may only push and pull.
 */
export type Session = { kind: 'account'; account: Account; deviceId: string } | { kind: 'shared'; scope: Scope };

/**
 * Where an account may write: its commune, and its hamlets or else every hamlet the commune has
 * now (it reads the whole commune then: sync/caller.ts). undefined for roles that never see
 * personal data (province, admin).
 */
export function syncScope(account: Account, communeHamlets: readonly string[]): Scope | undefined {
  if (!seesPersonalData(account.role) || account.communeCode === null) return undefined;
  const own = account.hamletCodes;
  return { communeCode: account.communeCode, hamletCodes: own === null ? [...communeHamlets] : own.filter((h) => communeHamlets.includes(h)) };
}

/** The areas an account works in, as GET /api/areas lists them: parents first, then children by name. */
export function areasInScope(account: Account, all: readonly Area[]): Area[] {
  const byParent = (code: string) => all.filter((a) => a.parentCode === code).sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
  const find = (code: string | null) => all.find((a) => a.code === code);
  const chain = (area: Area | undefined): Area[] => (area === undefined ? [] : [...chain(find(area.parentCode ?? null)), area]);
  switch (account.role) {
    case 'admin':
      return [...all];
    case 'province': {
      const province = find(account.provinceCode);
      if (province === undefined || province.level !== 'province') return [];
      const communes = byParent(province.code);
      return [province, ...communes, ...communes.flatMap((c) => byParent(c.code))];
    }
    case 'lead':
    case 'member': {
      const commune = find(account.communeCode);
      if (commune === undefined) return [];
      const hamlets = byParent(commune.code).filter((h) => account.hamletCodes === null || account.hamletCodes.includes(h.code));
      return [...chain(commune), ...hamlets];
    }
  }
}

/** The communes whose aggregates a province officer may see (an administrator: every province's). */
export function communesForCoverage(account: Account, provinceCode: string, all: readonly Area[]): Area[] | undefined {
  if (account.role !== 'province' && account.role !== 'admin') return undefined;
  if (account.role === 'province' && account.provinceCode !== provinceCode) return undefined;
  return all.filter((a) => a.level === 'commune' && a.parentCode === provinceCode);
}

/** Whether a lead may add or rename hamlets of this commune. */
export function leadsCommune(account: Account, communeCode: string): boolean {
  return account.role === 'lead' && account.communeCode === communeCode;
}
