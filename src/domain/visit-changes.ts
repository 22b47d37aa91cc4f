// What a visit changed, derived by comparing the household before and after the save. Apart
// from visit.ts's schemas so that the phone's first screen does not load zod for it.
import type { Household, HouseholdStatusField } from './household';
import type { Person, PersonStatusField } from './person';
import type { Change, ChangeValue } from './visit';

export const HOUSEHOLD_LOGGED_FIELDS: readonly (HouseholdStatusField | 'headName' | 'houseNumber' | 'street' | 'phone' | 'hamletCode')[] = [
  'hamletCode', 'headName', 'houseNumber', 'street', 'phone',
  'fiber', 'smartDevice', 'digitalAddress', 'poverty', 'business', 'businessQrPayment', 'businessEcommerce',
];

export const PERSON_LOGGED_FIELDS: readonly PersonStatusField[] = [
  'name', 'birthYear', 'residence', 'phone', 'vneid', 'vneidNeedsHelp', 'payment', 'publicServiceAccount',
  'publicServiceUsed', 'digitalSignature', 'eHealthRecord', 'skills', 'cyberProtection', 'vssid',
];

function same(a: ChangeValue, b: ChangeValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/** The values a record starts with (newHousehold, newPerson): a new record logs only the others. */
function isStartValue(v: ChangeValue): boolean {
  return v === null || v === false || v === '' || v === 'none' || v === 'here' || (Array.isArray(v) && v.length === 0);
}

function diffFields<T extends Record<string, unknown>>(
  fields: readonly (keyof T & string)[],
  before: T | undefined,
  after: T,
  personId?: string,
): Change[] {
  const changes: Change[] = [];
  for (const field of fields) {
    const from = (before?.[field] ?? null) as ChangeValue;
    const to = (after[field] ?? null) as ChangeValue;
    if (before !== undefined && same(from, to)) continue;
    if (before === undefined && isStartValue(to)) continue;
    changes.push(personId === undefined ? { field, from, to } : { personId, field, from, to });
  }
  return changes;
}

/** What a save changed: new people as "added" plus their known statuses, then each changed field. */
export function diffHousehold(
  before: { household: Household; people: readonly Person[] } | undefined,
  after: { household: Household; people: readonly Person[] },
): Change[] {
  const changes = diffFields(HOUSEHOLD_LOGGED_FIELDS, before?.household, after.household);
  const previous = new Map((before?.people ?? []).map((p) => [p.id, p]));
  for (const person of after.people) {
    const old = previous.get(person.id);
    if (old === undefined) changes.push({ personId: person.id, field: 'added', from: null, to: person.name });
    const fields = old === undefined ? PERSON_LOGGED_FIELDS.filter((f) => f !== 'name') : PERSON_LOGGED_FIELDS;
    changes.push(...diffFields(fields, old, person, person.id));
  }
  return changes;
}

/** People a visit assisted: those whose own record changed. */
export function assistedPeople(changes: readonly Change[]): string[] {
  return [...new Set(changes.flatMap((c) => (c.personId === undefined ? [] : [c.personId])))];
}
