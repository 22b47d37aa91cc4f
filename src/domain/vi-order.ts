// Vietnamese sort orders, each collator made once: localeCompare(…, 'vi', …) builds a collator at
// every comparison, which sorting a hamlet of thousands of households on a slow phone feels.
import type { Household } from './household';
import type { Person } from './person';

/** Text with numbers in it, numbers by value: "2" before "10", "5A" after "5". */
export const numberOrder = new Intl.Collator('vi', { numeric: true });

/** Names, as the alphabet the team reads them in. */
export const nameOrder = new Intl.Collator('vi');

/** Households as listed: by house number, then the head's name. */
export function byAddress(a: Pick<Household, 'houseNumber' | 'headName'>, b: Pick<Household, 'houseNumber' | 'headName'>): number {
  return numberOrder.compare(a.houseNumber, b.houseNumber) || nameOrder.compare(a.headName, b.headName);
}

/** People of a household as listed: eldest first, then by name. */
export function byName(a: Pick<Person, 'birthYear' | 'name'>, b: Pick<Person, 'birthYear' | 'name'>): number {
  return a.birthYear - b.birthYear || nameOrder.compare(a.name, b.name);
}
