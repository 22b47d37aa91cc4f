// Signing in and out: POST /api/auth/sign-in trades a username and password for a device token
// (kept only as its hash), GET /api/auth/me says who the token belongs to, POST
// /api/auth/sign-out revokes it. Failed sign-ins are limited per username and per address.
import { Hono } from 'hono';
import { SignInRequest, type SignInResponse } from '../../domain/accounts';
import { clientAddress, fail, firstProblem, readJson, requireSession, type ApiEnv } from '../http-kit';
import { jsonResponse } from '../json-response';
import { NO_ACCOUNT_HASH, verifyPassword } from './passwords';
import { createRateLimiter, type RateLimit } from './rate-limit';
import type { Authenticate } from './session';
import { publicAccount } from './sqlite-accounts';
import type { AccountStore } from './store';
import { newDeviceToken, newId, tokenHash } from './tokens';

export type SignInLimits = { perUsername: RateLimit; perAddress: RateLimit };

/** Five wrong passwords for one username in 15 minutes, or twenty from one address, and it waits. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perUsername: { max: 5, windowMs: 15 * 60_000 },
  perAddress: { max: 20, windowMs: 15 * 60_000 },
};

export type AuthApiOptions = { accounts: AccountStore; authenticate: Authenticate; now: () => number; limits?: SignInLimits };

const WRONG = 'The username or the password is wrong.';

export function authApi({ accounts, authenticate, now, limits = DEFAULT_SIGN_IN_LIMITS }: AuthApiOptions): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const byUsername = createRateLimiter(limits.perUsername);
  const byAddress = createRateLimiter(limits.perAddress);

  app.post('/sign-in', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return body.response;
    const parsed = SignInRequest.safeParse(body.value);
    if (!parsed.success) return fail(400, `The sign-in does not match SignInRequest: ${firstProblem(parsed.error.issues)}`);
    const { username, password, deviceName } = parsed.data;
    const nowMs = now();
    const userKey = `user:${username}`;
    const addressKey = `address:${clientAddress(c)}`;
    const waitMs = Math.max(byUsername.waitMs(userKey, nowMs), byAddress.waitMs(addressKey, nowMs));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      return fail(429, `Too many wrong passwords: try again in ${Math.ceil(seconds / 60)} minutes.`, { headers: { 'Retry-After': String(seconds) } });
    }
    const account = accounts.accountByUsername(username);
    const matches = await verifyPassword(password, account?.passwordHash ?? NO_ACCOUNT_HASH);
    if (account === undefined || !matches) {
      byUsername.fail(userKey, nowMs);
      byAddress.fail(addressKey, nowMs);
      return fail(401, WRONG);
    }
    byUsername.clear(userKey);
    if (account.demo && accounts.hasRealAreas()) {
      return fail(403, 'Demo accounts are switched off on a server that holds real areas; ask your administrator for an account.');
    }
    const token = newDeviceToken();
    const deviceId = newId();
    const nowIso = new Date(nowMs).toISOString();
    accounts.addDevice({ id: deviceId, tokenHash: tokenHash(token), accountId: account.userId, name: deviceName || 'Thiết bị chưa đặt tên' }, nowIso);
    const answer: SignInResponse = { token, deviceId, account: publicAccount(account), serverTime: nowIso };
    return jsonResponse(200, answer);
  });

  app.use('/me', requireSession(authenticate, now));
  app.use('/sign-out', requireSession(authenticate, now));

  const accountOnly = () => fail(401, 'The shared sync token belongs to no account: sign in with a username and password.', { headers: { 'WWW-Authenticate': 'Bearer' } });

  app.get('/me', (c) => {
    const session = c.get('session');
    if (session.kind !== 'account') return accountOnly();
    return jsonResponse(200, { account: session.account, deviceId: session.deviceId, serverTime: new Date(now()).toISOString() });
  });

  app.post('/sign-out', (c) => {
    const session = c.get('session');
    if (session.kind !== 'account') return accountOnly();
    accounts.revokeDevice(session.deviceId, session.account.userId, new Date(now()).toISOString());
    return jsonResponse(200, { ok: true });
  });

  return app;
}
