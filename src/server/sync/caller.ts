// Who is pushing or pulling, and where they may: an account's commune and hamlets (a province
// officer or an administrator may not: they get numbers, never names), or, for the old shared
// token of one commune, the device and user its X-Device-Id and X-User headers name.
import { DEVICE_HEADER, USER_HEADER } from '../../domain/sync-protocol';
import { syncScope, type Session } from '../accounts/access';
import type { AccountStore } from '../accounts/store';
import type { Caller, Scope } from './store';

const MAX_DEVICE_ID = 64;
const MAX_USER = 100;

export type HeaderReader = { get(name: string): string | null | undefined };

/**
 * `caller.scope` is where they may write (for an account of the whole commune: the hamlets the
 * commune has on the server); `readScope` where they may read (the whole commune, whatever
 * hamlet codes its records carry, unless the account is limited to some hamlets).
 */
export type CallerResult = { ok: true; caller: Caller; readScope: Scope } | { ok: false; status: 400 | 403; error: string };

/** The caller a shared-token request names in its headers, or why it is refused (400). */
export function namedCaller(headers: HeaderReader, scope: Scope): CallerResult {
  const deviceId = headers.get(DEVICE_HEADER)?.trim() ?? '';
  if (deviceId === '' || deviceId.length > MAX_DEVICE_ID) {
    return { ok: false, status: 400, error: `Name the device in the ${DEVICE_HEADER} header (1 to ${MAX_DEVICE_ID} characters).` };
  }
  let userId = '';
  try {
    userId = decodeURIComponent(headers.get(USER_HEADER) ?? '').trim();
  } catch {
    userId = '';
  }
  if (userId === '' || userId.length > MAX_USER) {
    return { ok: false, status: 400, error: `Name the team member in the ${USER_HEADER} header, URI-encoded (1 to ${MAX_USER} characters).` };
  }
  return { ok: true, caller: { scope, deviceId, userId }, readScope: scope };
}

export function syncCaller(session: Session, headers: HeaderReader, accounts: AccountStore): CallerResult {
  if (session.kind === 'shared') return namedCaller(headers, session.scope);
  const { account, deviceId } = session;
  const hamlets = account.communeCode === null ? [] : accounts.childrenOf(account.communeCode).map((h) => h.code);
  const scope = syncScope(account, hamlets);
  if (scope === undefined) {
    return { ok: false, status: 403, error: 'This account may not push or pull personal data: province officers and administrators see numbers only.' };
  }
  const readScope = account.hamletCodes === null ? { communeCode: scope.communeCode, hamletCodes: null } : scope;
  return { ok: true, caller: { scope, deviceId, userId: account.displayName }, readScope };
}
