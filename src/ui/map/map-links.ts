// The map's hash route, in one place: the router (src/ui/router.ts) is to parse this same path.
//   #/ban-do?chi-tieu=<indicator id>     MapScreen { communeCode, indicatorId }
export const MAP_PATH = 'ban-do';

export function mapHref(indicatorId?: string): string {
  return indicatorId ? `#/${MAP_PATH}?chi-tieu=${encodeURIComponent(indicatorId)}` : `#/${MAP_PATH}`;
}
