// Mutations made from a save, before they get ids and stamps: one per changed entity, with all
// fields for a new record and only the changed ones after. Pure: no Dexie, no clock.
import type { Household } from '../domain/household';
import { FORWARD_ONLY, GROW_ONLY_SETS } from '../domain/merge';
import type { Person } from '../domain/person';
import { MAX_ID_LENGTH } from '../domain/id-limit';
import type { EntityKind, Mutation } from '../domain/sync-protocol';
import type { Visit } from '../domain/visit';

/** Where a record belongs, for the server's scope checks. */
export type Scope = { communeCode: string; hamletCode: string; householdId: string };

/** A mutation without its id, stamp and time, which the outbox gives it. */
export type MutationDraft = Pick<Mutation, 'entity' | 'entityId' | 'op' | 'communeCode' | 'hamletCode' | 'householdId' | 'fields'> & {
  correction?: boolean;
};

/** Fields never sent: the id travels as entityId, the rest are the phone's own bookkeeping. */
const NOT_SENT = new Set(['id', 'searchWords', 'updatedBy']);

/** A record's sendable fields (JSON cannot carry `undefined`, so those are left out). */
export function sendableFields(record: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!NOT_SENT.has(key) && value !== undefined) fields[key] = value;
  }
  return fields;
}

const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Fields whose value differs from `before` (all of them when there is no `before`). */
export function changedFields(before: object | undefined, after: object): Record<string, unknown> {
  const all = sendableFields(after);
  if (before === undefined) return all;
  const old = sendableFields(before);
  return Object.fromEntries(Object.entries(all).filter(([key, value]) => !sameValue(old[key], value)));
}

/**
 * A change that moves a forward-only status back (VNeID active → none) or takes a skill away
 * can only be a mistake being fixed: the form showed the furthest state. It is sent as a
 * correction, or the merge would keep the old value and undo the fix.
 */
export function isCorrection(entity: EntityKind, field: string, from: unknown, to: unknown): boolean {
  if (entity === 'visit') return false;
  if (GROW_ONLY_SETS[entity].has(field)) {
    const kept = new Set(Array.isArray(to) ? to : []);
    return Array.isArray(from) && from.some((v) => !kept.has(v));
  }
  const rank = FORWARD_ONLY[entity][field];
  return rank !== undefined && from !== undefined && rank(to) < rank(from);
}

/**
 * The mutations of one entity's upsert: the plain changes, and — apart, so that the rest keep
 * forward-only merging — the corrections. `updatedAt` rides with the plain changes, or with
 * the corrections when there are no others.
 */
function upsertDrafts(entity: EntityKind, entityId: string, scope: Scope, before: object | undefined, after: object): MutationDraft[] {
  const fields = changedFields(before, after);
  const old: Record<string, unknown> = before === undefined ? {} : sendableFields(before);
  const plain: Record<string, unknown> = {};
  const corrections: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (before !== undefined && isCorrection(entity, key, old[key], value)) corrections[key] = value;
    else plain[key] = value;
  }
  const corrected = Object.keys(corrections).length > 0;
  if (corrected && Object.keys(plain).every((k) => k === 'updatedAt') && 'updatedAt' in plain) {
    corrections.updatedAt = plain.updatedAt;
    delete plain.updatedAt;
  }
  const base = { entity, entityId, op: 'upsert' as const, ...scope };
  return [
    ...(Object.keys(plain).length > 0 ? [{ ...base, fields: plain }] : []),
    ...(corrected ? [{ ...base, fields: corrections, correction: true }] : []),
  ];
}

export function scopeOf(household: Household): Scope {
  return { communeCode: household.communeCode, hamletCode: household.hamletCode, householdId: household.id };
}

export function householdDrafts(before: Household | undefined, after: Household): MutationDraft[] {
  return upsertDrafts('household', after.id, scopeOf(after), before, after);
}

export function personDrafts(before: Person | undefined, after: Person, household: Household): MutationDraft[] {
  return upsertDrafts('person', after.id, scopeOf(household), before, after);
}

/** Visits are written once: the whole record. */
export function visitDraft(visit: Visit, household: Household): MutationDraft {
  return { entity: 'visit', entityId: visit.id, op: 'upsert', ...scopeOf(household), fields: sendableFields(visit) };
}

/** A person who withdrew consent: erased on the server too. Carries no data. */
export function personDeleteDraft(personId: string, scope: Scope): MutationDraft {
  return { entity: 'person', entityId: personId, op: 'delete', ...scope, fields: {} };
}

/**
 * A new mutation's id: its stamp, which no other mutation of any phone carries (each device
 * issues each stamp once, and the stamp ends in the device's own random id). A random id cost
 * ~16 bytes of what gzip cannot shrink per mutation on a 2G link; ids stay opaque to the server.
 */
export function idFromStamp(stamp: string): string {
  return stamp.length <= MAX_ID_LENGTH ? stamp : crypto.randomUUID();
}

/** Gives drafts their ids, stamps (one each, in order) and the phone's time. */
export function completeDrafts(drafts: readonly MutationDraft[], stamps: readonly string[], madeAt: string, newId: (stamp: string) => string): Mutation[] {
  return drafts.map((draft, i) => {
    const stamp = stamps[i];
    if (stamp === undefined) throw new Error('a stamp is missing for a mutation');
    const { correction, ...rest } = draft;
    return { id: newId(stamp), ...rest, stamp, madeAt, ...(correction === true ? { correction } : {}) };
  });
}
