// What every screen needs: the phone's database and the device's preferences.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { NgoSoDb } from '../db/database';
import type { DevicePrefs } from '../db/device-prefs';

export type AppContextValue = {
  db: NgoSoDb;
  prefs: DevicePrefs;
  updatePrefs: (prefs: DevicePrefs) => Promise<void>;
  /** A form with unsaved changes is open: updates wait until it is closed. */
  setFormInProgress: (inProgress: boolean) => void;
  /** A short message shown at the bottom of the screen. */
  notify: (message: string) => void;
};

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp outside AppContext');
  return value;
}
