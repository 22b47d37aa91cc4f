// A sync run by the service worker when the browser says a connection is back (Background
// Sync, Chrome on Android), even if the app was closed after the records were saved.
import { openDatabase } from '../db/database';
import { loadDevicePrefs } from '../db/device-prefs';
import { createSyncEngine } from './engine';

/** Resolves when everything was sent; rejects so that the browser tries again later. */
export async function runBackgroundSync(): Promise<void> {
  const prefs = await loadDevicePrefs();
  if (prefs.teamMember === '' || prefs.communeCode === null) return;
  const db = openDatabase();
  try {
    const report = await createSyncEngine({ db, baseUrl: '', token: prefs.syncToken, userId: prefs.teamMember }).syncNow();
    if (!report.ok && report.pending > 0) throw new Error(report.error ?? 'sync incomplete');
  } finally {
    db.close();
  }
}
