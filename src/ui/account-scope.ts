// What an account may hold on the phone: its commune, all hamlets or some. When the server says
// the account changed (another commune, fewer hamlets, a role without personal data), what the
// phone holds beyond the new scope must go.
import type { Account } from '../domain/accounts';
import { seesPersonalData } from '../domain/roles';

/** The hamlets this account works in: all of its commune's, or the ones it is limited to. */
export function accountHamletFilter(account: Account): (code: string) => boolean {
  const only = account.hamletCodes;
  return only === null ? () => true : (code) => only.includes(code);
}

/**
 * Whether records kept for `before` may fall outside what `after` may see: then the account's
 * database is emptied and pulled again within the new scope.
 */
export function scopeShrank(before: Account, after: Account): boolean {
  if (!seesPersonalData(before.role)) return false;
  if (!seesPersonalData(after.role) || before.communeCode !== after.communeCode) return true;
  if (after.hamletCodes === null) return false;
  const kept = new Set(after.hamletCodes);
  return before.hamletCodes === null || before.hamletCodes.some((code) => !kept.has(code));
}
