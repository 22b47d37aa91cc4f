// The one place that touches navigator.serviceWorker: registers the service worker and tells
// the app when a new version is waiting. The app decides when to apply it (never mid-form).
import { Workbox } from 'workbox-window';
import { BACKGROUND_SYNC_TAG } from '../domain/sync-protocol';

/** Called with a function that activates the waiting version and reloads the page. */
export type UpdateReadyListener = (applyUpdate: () => void) => void;

export function registerServiceWorker(onUpdateReady: UpdateReadyListener): void {
  if (!('serviceWorker' in navigator)) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    onUpdateReady(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  void wb.register();
}

/**
 * Asks the browser to run a sync from the service worker when a connection comes back, even if
 * the app is closed by then (Chrome on Android). Elsewhere the app's own triggers do it.
 */
export async function requestBackgroundSync(): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  const registration = await navigator.serviceWorker.getRegistration();
  const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
  if (sync === undefined) return false;
  try {
    await sync.register(BACKGROUND_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}
