// What every recorder screen needs: the signed-in account, its own database on the phone, and
// the session's actions (lock, sign out).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { NgoSoDb } from '../db/database';
import type { Account } from '../domain/accounts';

export type AppContextValue = {
  /** This account's database: no other account's records are in it. */
  db: NgoSoDb;
  /** Who is signed in: their name goes into consent and visit records. */
  account: Account;
  /** A form with unsaved changes is open: updates wait until it is closed. */
  setFormInProgress: (inProgress: boolean) => void;
  /** A short message shown at the bottom of the screen. */
  notify: (message: string) => void;
  /** Locks the app: the PIN is asked again. */
  lock: () => void;
  /** Revokes the token (if online), wipes this account's data and returns to sign-in. Ask first. */
  signOut: () => Promise<void>;
};

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp outside AppContext');
  return value;
}
