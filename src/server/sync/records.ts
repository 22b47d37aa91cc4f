// Records as the server serves them, rebuilt from the field writes it keeps: each field is
// mergeField() over all its writes, so the record depends on the set of writes only, never
// on the order they arrived in. Pure, so every store builds records the same way.
import { Household } from '../../domain/household';
import { mergeField, type FieldWrite } from '../../domain/merge';
import { Person } from '../../domain/person';
import type { Visit } from '../../domain/visit';

export type StoredWrite = FieldWrite & { field: string };

export type BuiltRecord = {
  record: Record<string, unknown>;
  /** The full domain schema accepts it: only complete records are served. */
  complete: boolean;
  /** The user of the latest winning write: "cập nhật bởi …". */
  updatedBy: string | null;
};

const SCHEMAS = { household: Household, person: Person } as const;

export function buildRecord(entity: 'household' | 'person', id: string, writes: readonly StoredWrite[]): BuiltRecord {
  const byField = new Map<string, StoredWrite[]>();
  for (const w of writes) byField.set(w.field, [...(byField.get(w.field) ?? []), w]);

  const merged: Record<string, unknown> = {};
  let latest: FieldWrite | undefined;
  for (const field of [...byField.keys()].sort()) {
    const winner = mergeField(entity, field, byField.get(field) ?? []);
    if (winner === undefined) continue;
    merged[field] = winner.value;
    if (latest === undefined || winner.stamp > latest.stamp) latest = winner;
  }
  const record = { ...merged, id };
  const parsed = SCHEMAS[entity].safeParse(record);
  return {
    record: parsed.success ? { ...parsed.data } : record,
    complete: parsed.success,
    updatedBy: latest?.userId ?? null,
  };
}

/** A visit with every trace of these people removed (they withdrew consent). */
export function scrubVisit(visit: Visit, erased: ReadonlySet<string>): Visit {
  return {
    ...visit,
    changes: visit.changes.filter((c) => c.personId === undefined || !erased.has(c.personId)),
    personIds: visit.personIds.filter((id) => !erased.has(id)),
  };
}

/** Every person a visit names, in its changes or among the people assisted. */
export function peopleInVisit(visit: Visit): string[] {
  return [...new Set([...visit.personIds, ...visit.changes.flatMap((c) => (c.personId === undefined ? [] : [c.personId]))])];
}
