// A visit (lượt hỗ trợ): who came, when, and what changed, derived by comparing the household
// before and after the save. Reports count visits and people assisted from these.
import * as z from 'zod/mini';
import type { Household, HouseholdStatusField } from './household';
import type { Person, PersonStatusField } from './person';

const ChangeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type ChangeValue = z.infer<typeof ChangeValue>;

export const Change = z.object({
  /** Absent for a change to the household itself. */
  personId: z.optional(z.string()),
  /** A field name, or "added" for a person newly recorded. */
  field: z.string(),
  from: ChangeValue,
  to: ChangeValue,
});
export type Change = z.infer<typeof Change>;

export const Visit = z.object({
  id: z.string().check(z.minLength(1)),
  householdId: z.string().check(z.minLength(1)),
  visitedAt: z.string(),
  visitor: z.string(),
  changes: z.array(Change),
  /** People whose record changed: the "people assisted" of the reports. */
  personIds: z.array(z.string()),
  notes: z.string().check(z.maxLength(1000, 'Ghi chú quá dài')),
});
export type Visit = z.infer<typeof Visit>;

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
