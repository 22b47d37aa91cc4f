// The accounts signed in on this phone, in idb-keyval under `session:<userId>`: the account (who,
// which role and area, shown on the lock screen), the server's id for this device, the device
// token sealed under the PIN (pin-lock.ts), and the wrong PINs in a row. No token rests in clear.
import { createStore, del, delMany, entries, get, keys, promisifyRequest, set } from 'idb-keyval';
import type { Account, SignInResponse } from '../domain/accounts';
import { deleteAccountData, deleteUnownedDatabases } from './account-data';
import { accountKeyPrefix } from './drafts';
import { openToken, sealToken, type SealedToken } from './pin-lock';

export type StoredSession = {
  account: Account;
  /** The server's id for this phone's sign-in (the lead sees and revokes it). */
  deviceId: string;
  sealed: SealedToken;
  /** Wrong PINs in a row; counted before each try is checked, so killing the app mid-try still counts. */
  failedPins: number;
  signedInAt: string;
  lastUnlockedAt: string;
  /** Set when a wipe began: the next start finishes it. */
  wiping?: true;
};

/** The fifth wrong PIN in a row forgets the session and wipes the account's data. */
export const MAX_PIN_TRIES = 5;

export type UnlockResult =
  | { status: 'open'; token: string; session: StoredSession }
  | { status: 'wrong'; triesLeft: number }
  | { status: 'wiped' }
  | { status: 'missing' };

const SESSION_PREFIX = 'session:';
const sessionKey = (userId: string) => `${SESSION_PREFIX}${encodeURIComponent(userId)}`;

/** idb-keyval's own store, opened here too for a read-and-write in one transaction. */
const keyval = createStore('keyval-store', 'keyval');

/**
 * Changes a session in one transaction (two tabs trying PINs at once each count) and returns it
 * as written; a missing or wiping session is left alone and undefined returned.
 */
function changeSession(key: string, change: (s: StoredSession) => StoredSession): Promise<StoredSession | undefined> {
  return keyval('readwrite', (store) => {
    let written: StoredSession | undefined;
    const read = store.get(key);
    read.onsuccess = () => {
      const found = read.result as StoredSession | undefined;
      if (found === undefined || found.wiping) return;
      written = change(found);
      store.put(written, key);
    };
    return promisifyRequest(store.transaction).then(() => written);
  });
}

/** Sessions on this phone, the last unlocked first. */
export async function listSessions(): Promise<StoredSession[]> {
  const all = await entries<IDBValidKey, StoredSession>();
  return all
    .filter(([key, s]) => typeof key === 'string' && key.startsWith(SESSION_PREFIX) && s.wiping !== true)
    .map(([, s]) => s)
    .sort((a, b) => b.lastUnlockedAt.localeCompare(a.lastUnlockedAt));
}

export async function getSession(userId: string): Promise<StoredSession | undefined> {
  const found = await get<StoredSession>(sessionKey(userId));
  return found?.wiping ? undefined : found;
}

/**
 * Keeps a fresh sign-in under its PIN. Signing in again to an account already on the phone
 * replaces its session and keeps its records (a forgotten PIN is fixed with the password).
 */
export async function createSession(options: { response: SignInResponse; pin: string; now: Date; iterations?: number }): Promise<StoredSession> {
  const { response, pin, now } = options;
  const session: StoredSession = {
    account: response.account,
    deviceId: response.deviceId,
    sealed: await sealToken(response.token, pin, response.account.userId, options.iterations),
    failedPins: 0,
    signedInAt: now.toISOString(),
    lastUnlockedAt: now.toISOString(),
  };
  await set(sessionKey(response.account.userId), session);
  return session;
}

/** The account as the server last described it (name, role, hamlets may change). */
export async function saveAccount(account: Account): Promise<void> {
  await changeSession(sessionKey(account.userId), (s) => ({ ...s, account }));
}

/** Tries a PIN. The try is counted first; the fifth wrong one in a row wipes the account. */
export async function unlockSession(userId: string, pin: string, now: Date): Promise<UnlockResult> {
  const key = sessionKey(userId);
  const counted = await changeSession(key, (s) => ({ ...s, failedPins: s.failedPins + 1 }));
  if (counted === undefined) return { status: 'missing' };
  const token = await openToken(counted.sealed, pin, userId);
  if (token !== null) {
    const session: StoredSession = { ...counted, failedPins: 0, lastUnlockedAt: now.toISOString() };
    await set(key, session);
    return { status: 'open', token, session };
  }
  if (counted.failedPins >= MAX_PIN_TRIES) {
    await wipeAccount(userId);
    return { status: 'wiped' };
  }
  return { status: 'wrong', triesLeft: MAX_PIN_TRIES - counted.failedPins };
}

/**
 * Forgets the account on this phone: its database, its drafts, then its session. Used by sign
 * out, by a revoked token and by too many wrong PINs. The session is marked first, so a wipe cut
 * short (the app killed) is finished at the next start by sweepLeftovers.
 */
export async function wipeAccount(userId: string): Promise<void> {
  const key = sessionKey(userId);
  await changeSession(key, (s) => ({ ...s, wiping: true }));
  await deleteAccountData(userId);
  await del(key);
}

/**
 * At start: finishes wipes cut short, and deletes what no session owns — the single database of
 * the version before accounts (demo data only), its preferences and drafts, and any account's
 * database or keys whose session is gone.
 */
export async function sweepLeftovers(): Promise<void> {
  const all = await entries<IDBValidKey, StoredSession>();
  const sessions = all.filter(([key]) => typeof key === 'string' && key.startsWith(SESSION_PREFIX)).map(([, s]) => s);
  for (const s of sessions.filter((s) => s.wiping)) await wipeAccount(s.account.userId);
  const owners = sessions.filter((s) => !s.wiping).map((s) => s.account.userId);
  await deleteUnownedDatabases(owners);
  const ownedPrefixes = owners.map(accountKeyPrefix);
  const stray = (await keys()).filter(
    (k) =>
      typeof k === 'string' &&
      (k === 'device-prefs' || k.startsWith('draft:household:') || (k.startsWith('account:') && !ownedPrefixes.some((p) => k.startsWith(p)))),
  );
  await delMany(stray);
}
