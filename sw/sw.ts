/// <reference lib="webworker" />
// The service worker: precaches the built app so it starts with no network at all, serves
// index.html for every navigation except the API, and waits for the person before updating.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { BACKGROUND_SYNC_TAG } from '../src/domain/sync-protocol';
import { runBackgroundSync } from '../src/sync/background-sync';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

/** Background Sync's event, which TypeScript's WebWorker library does not describe yet. */
type SyncEvent = ExtendableEvent & { tag: string };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

// A first install takes control at once, so the app works offline from the first visit.
// Later versions wait in "waiting" until the page, between forms, sends SKIP_WAITING.
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Records saved offline go out when the connection comes back, even with the app closed.
self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === BACKGROUND_SYNC_TAG) sync.waitUntil(runBackgroundSync());
});
