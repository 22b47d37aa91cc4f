// From a request's bearer token to a Session: a device token (looked up by its hash; a revoked
// one is told apart so the phone wipes), else the old shared sync token where one is configured.
import { createHash, timingSafeEqual } from 'node:crypto';
import { REVOKED_CODE } from '../../domain/accounts';
import type { Scope } from '../sync/store';
import type { Session } from './access';
import { demoAccountsActive } from './demo-seed';
import { publicAccount } from './sqlite-accounts';
import type { AccountStore } from './store';
import { bearerToken, tokenHash } from './tokens';

export type SessionResult = { ok: true; session: Session } | { ok: false; status: 401; error: string; code?: typeof REVOKED_CODE };

export type Authenticate = (authorization: string | null | undefined, nowMs: number) => SessionResult;

/**
 * The shared token of one commune that phones sent before accounts existed (issue 4).
 * `whileDemo`: taken only while the demo accounts are active (no real area loaded, demo not
 * disabled), so a public demo token never opens a real server.
 */
export type SharedToken = { communeCode: string; token: string; whileDemo?: boolean };

const NO_TOKEN: SessionResult = {
  ok: false,
  status: 401,
  error: 'Sign in first, then send your device token as "Authorization: Bearer <token>"; this one is missing or unknown.',
};
const REVOKED: SessionResult = {
  ok: false,
  status: 401,
  error: 'This device was signed out or revoked by the commune lead: delete the data it holds and sign in again.',
  code: REVOKED_CODE,
};

const digest = (text: string) => createHash('sha256').update(text).digest();

export function createAuthenticate(accounts: AccountStore, shared: SharedToken | null = null): Authenticate {
  const sharedDigest = shared === null ? null : digest(shared.token);
  const sharedScope: Scope | null = shared === null ? null : { communeCode: shared.communeCode, hamletCodes: null };
  return (authorization, nowMs) => {
    const token = bearerToken(authorization);
    if (token === undefined) return NO_TOKEN;
    const found = accounts.deviceByTokenHash(tokenHash(token));
    if (found !== undefined) {
      if (found.revokedAt !== null) return REVOKED;
      accounts.touchDevice(found.deviceId, new Date(nowMs).toISOString());
      return { ok: true, session: { kind: 'account', account: publicAccount(found.account), deviceId: found.deviceId } };
    }
    const sharedOpen = shared?.whileDemo !== true || demoAccountsActive(accounts);
    if (sharedDigest !== null && sharedScope !== null && timingSafeEqual(digest(token), sharedDigest) && sharedOpen) {
      return { ok: true, session: { kind: 'shared', scope: sharedScope } };
    }
    return NO_TOKEN;
  };
}
