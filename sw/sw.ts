/// <reference lib="webworker" />
// The service worker: precaches the built app so it starts with no network at all, serves
// index.html for every navigation except the API, and waits for the person before updating.
// It does not sync: the device token rests sealed under the person's PIN, which a service
// worker cannot ask for (docs/decisions/0005-phone-sessions.md).
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { createTileCache, isTileRequest } from '../src/pwa/tile-cache';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

// Map tiles once seen stay for offline use, within a size cap (src/pwa/tile-cache.ts).
const tileCache = createTileCache();
registerRoute(({ request }) => isTileRequest(request), ({ request }) => tileCache.respond(request));

// A first install takes control at once, so the app works offline from the first visit.
// Later versions wait in "waiting" until the page, between forms, sends SKIP_WAITING.
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
