// The way into the app and out of it: sign in → set a PIN → open; later, locked → PIN → open;
// out by signing out, by a revoked token, or by too many wrong PINs. An account's database is
// opened only after its PIN and only for a role that may see personal data, and wiped on the
// way out. The token lives in memory while the app is open, and sealed under the PIN otherwise.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { NgoSoDb } from '../db/database';
import { openAccountDatabase } from '../db/account-data';
import { replaceAreas } from '../db/areas';
import { createSession, listSessions, saveAccount, sweepLeftovers, wipeAccount, type StoredSession } from '../db/sessions';
import { requestPersistentStorage } from '../db/storage-status';
import { seesPersonalData, type Account, type SignInResponse } from '../domain/accounts';
import { fetchAreas, fetchMe, signOut as revokeOnServer, type AccountApiOptions } from '../sync/account-api';
import { navigate } from './router';

export type Phase =
  | { kind: 'starting' }
  | { kind: 'failed' }
  | { kind: 'sign-in'; username: string; canGoBack: boolean }
  | { kind: 'set-pin'; signedIn: SignInResponse }
  | { kind: 'locked'; sessions: StoredSession[] }
  | { kind: 'open'; session: StoredSession; token: string; db: NgoSoDb | null }
  | { kind: 'leaving' }
  | { kind: 'revoked'; displayName: string };

export type SessionFlow = {
  phase: Phase;
  /** What the next screen should say about what just happened (signed out, wiped…). */
  notice: string | null;
  startSignIn(username?: string): void;
  backToLock(): void;
  signedIn(response: SignInResponse): void;
  setPin(pin: string): Promise<void>;
  unlocked(session: StoredSession, token: string): void;
  wipedAfterWrongPins(displayName: string): Promise<void>;
  lock(): void;
  signOut(): Promise<void>;
  revoked(): Promise<void>;
};

const T = {
  signedOut: 'Đã đăng xuất. Dữ liệu của tài khoản này trên điện thoại đã được xoá.',
  wiped: (name: string) =>
    `Đã nhập sai mã PIN quá số lần cho phép: phiên đăng nhập của ${name} đã bị quên và dữ liệu cá nhân của tài khoản trên điện thoại đã được xoá. Hãy đăng nhập lại.`,
};

export const API: AccountApiOptions = { baseUrl: '' };
/** Signing out waits this long at most for the server: the wipe happens anyway. */
const SIGN_OUT_TIMEOUT_MS = 8_000;

export function useSessionFlow(): SessionFlow {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef(phase);
  current.current = phase;

  const toStart = async (message: string | null) => {
    const sessions = await listSessions();
    setNotice(message);
    setPhase(sessions.length > 0 ? { kind: 'locked', sessions } : { kind: 'sign-in', username: '', canGoBack: false });
  };

  useEffect(() => {
    sweepLeftovers()
      .then(() => toStart(null))
      .catch(() => setPhase({ kind: 'failed' }));
  }, []);

  const closeOpen = (): { session: StoredSession; token: string } | null => {
    const now = current.current;
    if (now.kind !== 'open') return null;
    now.db?.close();
    return { session: now.session, token: now.token };
  };

  const revoked = async () => {
    const open = closeOpen();
    if (open === null) return;
    setPhase({ kind: 'leaving' });
    await wipeAccount(open.session.account.userId);
    setNotice(null);
    setPhase({ kind: 'revoked', displayName: open.session.account.displayName });
  };

  /** Who the server says the account is now, and its areas; a revoked token wipes at once. */
  const refresh = async (session: StoredSession, token: string, db: NgoSoDb | null) => {
    if (!navigator.onLine) return;
    const me = await fetchMe(API, token);
    if (!me.ok && me.failure.kind === 'revoked') return revoked();
    if (me.ok && me.value.userId === session.account.userId) {
      const account = me.value;
      await saveAccount(account);
      setPhase((p) => (p.kind === 'open' && p.session.account.userId === account.userId ? { ...p, session: { ...p.session, account } } : p));
    }
    if (db === null) return;
    const areas = await fetchAreas(API, token);
    if (!areas.ok && areas.failure.kind === 'revoked') return revoked();
    if (areas.ok && db.isOpen()) await replaceAreas(db, areas.value);
  };

  const open = (session: StoredSession, token: string) => {
    const db = seesPersonalData(session.account.role) ? openAccountDatabase(session.account.userId) : null;
    setNotice(null);
    setPhase({ kind: 'open', session, token, db });
    void requestPersistentStorage();
    void refresh(session, token, db).catch(() => undefined);
  };

  return {
    phase,
    notice,
    startSignIn(username = '') {
      const sessions = current.current.kind === 'locked' ? current.current.sessions : [];
      setNotice(null);
      setPhase({ kind: 'sign-in', username, canGoBack: sessions.length > 0 });
    },
    backToLock() {
      void toStart(null);
    },
    signedIn(response) {
      setPhase({ kind: 'set-pin', signedIn: response });
    },
    async setPin(pin) {
      const now = current.current;
      if (now.kind !== 'set-pin') return;
      const session = await createSession({ response: now.signedIn, pin, now: new Date() });
      navigate({ screen: 'home' }, { replace: true });
      open(session, now.signedIn.token);
    },
    unlocked: open,
    async wipedAfterWrongPins(displayName) {
      await toStart(T.wiped(displayName));
    },
    lock() {
      // The next person starts at home, not on the screen the last one left open.
      if (closeOpen() !== null) void toStart(null).then(() => navigate({ screen: 'home' }, { replace: true }));
    },
    async signOut() {
      const open = closeOpen();
      if (open === null) return;
      setPhase({ kind: 'leaving' });
      if (navigator.onLine) await revokeOnServer({ ...API, timeoutMs: SIGN_OUT_TIMEOUT_MS }, open.token);
      await wipeAccount(open.session.account.userId);
      await toStart(T.signedOut);
    },
    revoked,
  };
}

/** The hamlets this account works in: all of its commune's, or the ones it is limited to. */
export function accountHamletFilter(account: Account): (code: string) => boolean {
  const only = account.hamletCodes;
  return only === null ? () => true : (code) => only.includes(code);
}
