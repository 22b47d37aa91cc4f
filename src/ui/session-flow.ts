// The way into the app and out of it: sign in → set a PIN → open; later, locked → PIN → open;
// out by signing out, by a revoked token, or by too many wrong PINs. An account's database is
// opened only after its PIN and only for a role that may see personal data, and wiped on the
// way out. The token lives in memory while the app is open, and sealed under the PIN otherwise.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { NgoSoDb } from '../db/database';
import { deleteAccountData, openAccountDatabase } from '../db/account-data';
import { replaceAreas } from '../db/areas';
import { createSession, listSessions, saveAccount, sweepLeftovers, wipeAccount, type StoredSession } from '../db/sessions';
import { requestPersistentStorage } from '../db/storage-status';
import type { Account, SignInResponse } from '../domain/accounts';
import { seesPersonalData } from '../domain/roles';
import type { AccountApiOptions } from '../sync/account-api';
import { scopeShrank } from './account-scope';
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
  /** To the lock screen if accounts remain on the phone, else to sign-in. */
  backToLock(): Promise<void>;
  signedIn(response: SignInResponse): void;
  setPin(pin: string): Promise<void>;
  unlocked(session: StoredSession, token: string): void;
  wipedAfterWrongPins(displayName: string): Promise<void>;
  /** Locks the open account; `keepScreen` when the same person will likely unlock (auto-lock). */
  lock(options?: { keepScreen?: boolean }): void;
  signOut(): Promise<void>;
  /** The server said the token is revoked: wipe that account (the open one by default) at once. */
  revoked(account?: Account): Promise<void>;
};

const T = {
  signedOut: 'Đã đăng xuất. Dữ liệu của tài khoản này trên điện thoại đã được xoá.',
  wiped: (name: string) =>
    `Đã nhập sai mã PIN quá số lần cho phép: phiên đăng nhập của ${name} đã bị quên và dữ liệu cá nhân của tài khoản trên điện thoại đã được xoá. Hãy đăng nhập lại.`,
};

export const API: AccountApiOptions = { baseUrl: '' };
/** The server's account calls (and zod's checks of its answers) load when first needed, off the first screen. */
const accountApi = () => import('../sync/account-api');
/** Signing out waits this long at most for the server: the wipe happens anyway. */
const SIGN_OUT_TIMEOUT_MS = 8_000;

export function useSessionFlow(): SessionFlow {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef(phase);
  current.current = phase;

  // Built once: every action reads the phase through `current`, so screens get stable functions.
  const actions = useMemo(() => {
    const toStart = async (message: string | null) => {
      const sessions = await listSessions();
      setNotice(message);
      setPhase(sessions.length > 0 ? { kind: 'locked', sessions } : { kind: 'sign-in', username: '', canGoBack: false });
    };

    const closeOpen = (): { session: StoredSession; token: string } | null => {
      const now = current.current;
      if (now.kind !== 'open') return null;
      now.db?.close();
      return { session: now.session, token: now.token };
    };

    /** Wipes a revoked account at once; says why if it is the one open, whatever screen is showing now. */
    const revoked = async (account?: Account) => {
      const now = current.current;
      const target = account ?? (now.kind === 'open' ? now.session.account : undefined);
      if (target === undefined) return;
      const showing = now.kind === 'open' && now.session.account.userId === target.userId;
      if (showing) {
        closeOpen();
        setPhase({ kind: 'leaving' });
      }
      await wipeAccount(target.userId);
      if (showing) {
        setNotice(null);
        setPhase({ kind: 'revoked', displayName: target.displayName });
      } else if (now.kind === 'locked') {
        await toStart(null);
      }
    };

    /** Who the server says the account is now, and its areas; a revoked token wipes at once. */
    const refresh = async (session: StoredSession, token: string, db: NgoSoDb | null) => {
      if (!navigator.onLine) return;
      const me = await (await accountApi()).fetchMe(API, token);
      if (!me.ok && me.failure.kind === 'revoked') return revoked(session.account);
      if (me.ok && me.value.userId === session.account.userId) {
        const account = me.value;
        await saveAccount(account);
        const now = current.current;
        const showing = now.kind === 'open' && now.session.account.userId === account.userId;
        if (scopeShrank(session.account, account)) {
          // Moved, narrowed or made a role without personal data: nothing beyond the new scope stays.
          if (showing) closeOpen();
          await deleteAccountData(account.userId);
          if (showing) open({ ...session, account }, token);
          return;
        }
        setPhase((p) => (p.kind === 'open' && p.session.account.userId === account.userId ? { ...p, session: { ...p.session, account } } : p));
      }
      if (db === null) return;
      const areas = await (await accountApi()).fetchAreas(API, token);
      if (!areas.ok && areas.failure.kind === 'revoked') return revoked(session.account);
      if (areas.ok && db.isOpen()) await replaceAreas(db, areas.value);
    };

    const open = (session: StoredSession, token: string) => {
      const db = seesPersonalData(session.account.role) ? openAccountDatabase(session.account.userId) : null;
      setNotice(null);
      setPhase({ kind: 'open', session, token, db });
      void requestPersistentStorage();
      void refresh(session, token, db).catch(() => undefined);
    };

    const actions: Omit<SessionFlow, 'phase' | 'notice'> = {
      startSignIn(username = '') {
        const sessions = current.current.kind === 'locked' ? current.current.sessions : [];
        setNotice(null);
        setPhase({ kind: 'sign-in', username, canGoBack: sessions.length > 0 });
      },
      backToLock: () => toStart(null),
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
      lock(options = {}) {
        if (closeOpen() === null) return;
        // The next person starts at home, not on the screen the last one left open.
        void toStart(null).then(() => (options.keepScreen ? undefined : navigate({ screen: 'home' }, { replace: true })));
      },
      async signOut() {
        const open = closeOpen();
        if (open === null) return;
        setPhase({ kind: 'leaving' });
        if (navigator.onLine) await (await accountApi()).signOut({ ...API, timeoutMs: SIGN_OUT_TIMEOUT_MS }, open.token);
        await wipeAccount(open.session.account.userId);
        await toStart(T.signedOut);
      },
      revoked,
    };
    return actions;
  }, []);

  useEffect(() => {
    sweepLeftovers()
      .then(() => actions.backToLock())
      .catch(() => setPhase({ kind: 'failed' }));
  }, []);

  return { phase, notice, ...actions };
}

export { accountHamletFilter } from './account-scope';
