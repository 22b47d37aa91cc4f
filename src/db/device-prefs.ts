// What this phone remembers about its user between sessions, in idb-keyval's own small store:
// the team member's name (written into consent and visit records), the commune worked in, and
// the access token for the commune's server. The service worker reads them for Background Sync.
import { get, set } from 'idb-keyval';

export type DevicePrefs = { teamMember: string; communeCode: string | null; syncToken: string };

/** The demo commune's token (the server's default SYNC_TOKEN); real ones come with accounts. */
export const DEMO_SYNC_TOKEN = 'ngo-so-demo';

const KEY = 'device-prefs';
const EMPTY: DevicePrefs = { teamMember: '', communeCode: null, syncToken: DEMO_SYNC_TOKEN };

export async function loadDevicePrefs(): Promise<DevicePrefs> {
  return { ...EMPTY, ...((await get<Partial<DevicePrefs>>(KEY)) ?? {}) };
}

export async function saveDevicePrefs(prefs: DevicePrefs): Promise<void> {
  await set(KEY, prefs);
}
