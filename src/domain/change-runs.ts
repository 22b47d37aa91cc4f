// A visit's changes as runs per person, in order, as both sync wires write them (push-wire.ts,
// pull-wire.ts): a person's id once for all their changes, and a new value that repeats its
// record's own field sent as a pointer to it. Pure.

/** The record field a change's new value repeats: a person "added" is logged with their name. */
export const recordFieldOf = (field: string): string => (field === 'added' ? 'name' : field);

/** Consecutive changes of the same person (null: the household), each written by `item`, order kept. */
export function changeRuns<C extends { personId?: string }, T>(changes: readonly C[], item: (change: C, personId: string | null) => T): [string | null, ...T[]][] {
  const runs: [string | null, ...T[]][] = [];
  let run: [string | null, ...T[]] | undefined;
  for (const change of changes) {
    const personId = change.personId ?? null;
    if (run === undefined || run[0] !== personId) {
      run = [personId];
      runs.push(run);
    }
    run.push(item(change, personId));
  }
  return runs;
}

/** A change a new record's visit logs: from nothing to the record's value. */
export type LoggedChange = { personId?: string; field: string; from: null; to: unknown };

/**
 * The fields a new record's visit logs, in order, and the values it leaves out: visit-changes.ts
 * as it was when wire version 3 was made. Part of the wire, so never edited: a version 3 body
 * or answer that says "the creation log" means exactly these, whatever the app logs later
 * (both encoders use the marker only where it gives back the very changes).
 */
const CREATION_LOG_FIELDS = {
  household: ['hamletCode', 'headName', 'houseNumber', 'street', 'phone', 'fiber', 'smartDevice', 'digitalAddress', 'poverty', 'business', 'businessQrPayment', 'businessEcommerce'],
  person: ['birthYear', 'residence', 'phone', 'vneid', 'vneidNeedsHelp', 'payment', 'publicServiceAccount', 'publicServiceUsed', 'digitalSignature', 'eHealthRecord', 'skills', 'cyberProtection', 'vssid'],
} as const;
const isStartValue = (v: unknown) => v === undefined || v === null || v === false || v === '' || v === 'none' || v === 'here' || (Array.isArray(v) && v.length === 0);
const copied = (v: unknown): unknown => (typeof v === 'object' && v !== null ? JSON.parse(JSON.stringify(v)) : v);

/**
 * What the visit that creates a household (when given) and these people logs (diffHousehold
 * with nothing before): the household's values, then each person "added" and their values.
 */
export function creationLog(household: Record<string, unknown> | undefined, people: readonly (readonly [string, Record<string, unknown>])[]): LoggedChange[] {
  const log: LoggedChange[] = [];
  for (const field of household === undefined ? [] : CREATION_LOG_FIELDS.household) {
    if (!isStartValue(household?.[field])) log.push({ field, from: null, to: copied(household?.[field]) });
  }
  for (const [personId, person] of people) {
    log.push({ personId, field: 'added', from: null, to: copied(person.name ?? null) });
    for (const field of CREATION_LOG_FIELDS.person) {
      if (!isStartValue(person[field])) log.push({ personId, field, from: null, to: copied(person[field]) });
    }
  }
  return log;
}

/** Each person the changes name, once, in order: a visit's `personIds` as assistedPeople gives them. */
export const peopleOfChanges = (changes: readonly { personId?: string }[]): string[] => [...new Set(changes.flatMap((c) => (c.personId === undefined ? [] : [c.personId])))];
