// The one place that touches navigator.serviceWorker: registers the service worker and tells
// the app when a new version is waiting. The app decides when to apply it (never mid-form).
import { Workbox } from 'workbox-window';

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
