// What this phone remembers about its user between sessions, in idb-keyval's own small store:
// the team member's name (written into consent and visit records) and the commune worked in.
import { get, set } from 'idb-keyval';

export type DevicePrefs = { teamMember: string; communeCode: string | null };

const KEY = 'device-prefs';
const EMPTY: DevicePrefs = { teamMember: '', communeCode: null };

export async function loadDevicePrefs(): Promise<DevicePrefs> {
  return { ...EMPTY, ...((await get<Partial<DevicePrefs>>(KEY)) ?? {}) };
}

export async function saveDevicePrefs(prefs: DevicePrefs): Promise<void> {
  await set(KEY, prefs);
}
