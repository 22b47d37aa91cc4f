// Walking the areas tree. Apart from areas.ts's schemas so that the phone's first screen does
// not load zod for it.
import type { Area } from './areas';

/** An area's children by name, as Vietnamese sorts them ("Thôn 2" before "Thôn 10"). */
export function childrenOf(areas: readonly Area[], parentCode: string): Area[] {
  return areas
    .filter((a) => a.parentCode === parentCode)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
}
