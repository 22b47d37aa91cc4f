// The map as a route: the page, Leaflet and its CSS are one chunk fetched when the map is first
// opened, so none of them weighs on the first start; the service worker precaches the chunk.
import { lazyScreen } from '../components/lazy-screen';

export type { MapPageProps as MapScreenProps } from '../map/map-page';

export const MapScreen = lazyScreen(() => import('../map/map-page').then((m) => m.MapPage));
