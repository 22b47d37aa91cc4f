// Hash routes, so that every screen works from the precached index.html with no server.
import { useEffect, useState } from 'preact/hooks';
import { isLeadPath, type LeadPath } from './lead-paths';
import { MAP_PATH, mapHref } from './map/map-links';

export type Route =
  | { screen: 'home' }
  | { screen: 'hamlet'; hamletCode: string }
  | { screen: 'household'; householdId: string; hamletCode: string | null }
  | { screen: 'search'; query: string }
  | { screen: 'overview' }
  | { screen: 'settings' }
  /** A lead imports the commune's household list. */
  | { screen: 'import' }
  /** A lead adds and renames the commune's hamlets and revokes its devices. */
  | { screen: 'commune-admin' }
  /** Households as points, coloured by what they lack for one indicator. */
  | { screen: 'map'; indicatorId: string | undefined }
  /** The lead's screens (lead-links.ts): dashboard, follow-up, report, targets. */
  | { screen: 'lead'; path: LeadPath; query: string };

export function parseRoute(hash: string): Route {
  const [path = '', queryString = ''] = hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(queryString);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'thon':
      return parts[1] ? { screen: 'hamlet', hamletCode: parts[1] } : { screen: 'home' };
    case 'ho':
      return parts[1] ? { screen: 'household', householdId: parts[1], hamletCode: query.get('thon') } : { screen: 'home' };
    case 'tim':
      return { screen: 'search', query: query.get('q') ?? '' };
    case 'tong-quan':
      return { screen: 'overview' };
    case 'cai-dat':
      return { screen: 'settings' };
    case 'nhap-danh-sach':
      return { screen: 'import' };
    case 'quan-ly-xa':
      return { screen: 'commune-admin' };
    case MAP_PATH:
      return { screen: 'map', indicatorId: query.get('chi-tieu') ?? undefined };
    default:
      return isLeadPath(parts[0]) ? { screen: 'lead', path: parts[0], query: queryString } : { screen: 'home' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'home':
      return '#/';
    case 'hamlet':
      return `#/thon/${encodeURIComponent(route.hamletCode)}`;
    case 'household':
      return `#/ho/${encodeURIComponent(route.householdId)}${route.hamletCode ? `?thon=${encodeURIComponent(route.hamletCode)}` : ''}`;
    case 'search':
      return route.query ? `#/tim?q=${encodeURIComponent(route.query)}` : '#/tim';
    case 'overview':
      return '#/tong-quan';
    case 'settings':
      return '#/cai-dat';
    case 'import':
      return '#/nhap-danh-sach';
    case 'commune-admin':
      return '#/quan-ly-xa';
    case 'map':
      return mapHref(route.indicatorId);
    case 'lead':
      return `#/${route.path}${route.query ? `?${route.query}` : ''}`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = hrefOf(route);
  if (options.replace) window.history.replaceState(null, '', href);
  else window.location.hash = href;
  if (options.replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
