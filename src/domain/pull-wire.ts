// Versions 2 and 3 of the pull answer (asked for with `&v=2`, `&v=3`): the same records as
// version 1, written compactly. Each entity's records are rows under key lists written once; the
// author is an index into a list of authors; a visit's changes are runs per person, and a change
// that only repeats a value its record in the same page holds (a creation visit lists them all)
// is just the field's number. Version 3 also leaves out what the page said just before: a
// visit's changes that are exactly the creation log of its records in the page (change-runs.ts
// creationLog) are 0, and a value that is the page's time — the `updatedAt` of the last row
// before it that had one — is marked `[key]` in its key list instead of written. The phone asks
// for 3; servers answer 2 as shipped. decodePull gives back exactly the SyncedRecord[] of version 1.
import * as z from 'zod/mini';
import type { EntityKind, SyncedRecord } from './sync-protocol';
import type { Change, ChangeValue, Visit } from './visit';
import { assistedPeople } from './visit-changes';
import { changeRuns, creationLog, recordFieldOf } from './change-runs';

/** What phones ask for; servers answer this and every version in PULL_WIRE_VERSIONS. */
export const PULL_WIRE_VERSION = 3;
export const PULL_WIRE_VERSIONS = [2, 3] as const;
export type PullWireVersion = (typeof PULL_WIRE_VERSIONS)[number];

/** The version a pull asks for with `v`, if it is one this server writes. */
export const pullWireVersion = (asked: string | undefined): PullWireVersion | undefined => PULL_WIRE_VERSIONS.find((v) => String(v) === asked);

/** Version 3: a visit's changes that are the creation log of its records in the page. */
const CREATION_LOG = 0;
/** The key whose value is the page's time, as rows follow one another. */
const TIME_KEY = 'updatedAt';

/** A row: id, author (index into `authors`), key list (index into `keys`), then one value per key. */
type Row = unknown[];

/** A change: a field number when it repeats its record's value from null; [field, to] from null; [field, from, to]; or the change itself. */
type WireChange = number | [number, ChangeValue] | [number, ChangeValue, ChangeValue] | Change;
/** Changes of one person (null: of the household) in the order the visit lists them. */
type ChangeRun = [string | null, ...WireChange[]];

export const PullWire = z.object({
  v: z.union([z.literal(2), z.literal(3)]),
  /** One letter per record in the server's order: h, p, v; upper case for an erased one. */
  kinds: z.string().check(z.regex(/^[hpvHPV]*$/)),
  /** Ids of the erased records, in order. */
  erased: z.array(z.string()),
  authors: z.array(z.string()),
  /** Per key list, the field names; version 3: `[name]` for a value left out, the page's time. */
  keys: z.array(z.array(z.union([z.string(), z.tuple([z.string()])]))),
  /** Field names of visit changes, numbered by their place. */
  changeFields: z.array(z.string()),
  households: z.array(z.array(z.unknown())),
  people: z.array(z.array(z.unknown())),
  visits: z.array(z.array(z.unknown())),
});
export type PullWire = z.infer<typeof PullWire>;

const LETTER = { household: 'h', person: 'p', visit: 'v' } as const satisfies Record<EntityKind, string>;
const ENTITY = { h: 'household', p: 'person', v: 'visit' } as const satisfies Record<string, EntityKind>;
const TABLE = { household: 'households', person: 'people', visit: 'visits' } as const satisfies Record<EntityKind, keyof PullWire>;

/** Numbers strings by first appearance. */
function numbering(): { list: string[]; of: (s: string) => number } {
  const list: string[] = [];
  const index = new Map<string, number>();
  return {
    list,
    of(s) {
      let i = index.get(s);
      if (i === undefined) {
        i = list.length;
        list.push(s);
        index.set(s, i);
      }
      return i;
    },
  };
}

const sameValue = (a: unknown, b: unknown): boolean => a === b || (Array.isArray(a) && Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b));
const copyValue = <T>(v: T): T => (Array.isArray(v) ? ([...v] as T) : v);


type PageRecords = {
  household: Map<string, Record<string, unknown>>;
  person: Map<string, Record<string, unknown>>;
  /** The people of each household in the page, in the order they first appear. */
  peopleOf: Map<string, string[]>;
};

/** The record a change of this visit speaks of, if it is in the page (its last appearance, as both ends see it). */
function changedRecord(page: PageRecords, visit: { householdId?: unknown }, personId: string | null) {
  if (personId !== null) return page.person.get(personId);
  return typeof visit.householdId === 'string' ? page.household.get(visit.householdId) : undefined;
}

const isPlainChange = (c: Change) => Object.hasOwn(c, 'from') && Object.hasOwn(c, 'to') && Object.keys(c).every((k) => k === 'personId' || k === 'field' || k === 'from' || k === 'to');

/** Changes the runs can carry: objects with a field name, and a person's id where they name one. */
function isEncodable(changes: unknown): changes is Change[] {
  return Array.isArray(changes) && changes.every((c: unknown) => typeof c === 'object' && c !== null && !Array.isArray(c) && 'field' in c && typeof c.field === 'string' && (!('personId' in c) || typeof c.personId === 'string'));
}

/** A value sent as it is where the wire gives its place another meaning (never for a valid visit). */
type AsItIs = { asItIs: unknown };
const asItIs = (value: unknown): AsItIs => ({ asItIs: value });
const isAsItIs = (v: unknown): v is AsItIs => typeof v === 'object' && v !== null && !Array.isArray(v) && 'asItIs' in v;

function encodeChanges(changes: readonly Change[], visit: Visit, page: PageRecords, fields: ReturnType<typeof numbering>): ChangeRun[] {
  return changeRuns(changes, (c, personId): WireChange => {
    if (!isPlainChange(c)) return c;
    const f = fields.of(c.field);
    const record = changedRecord(page, visit, personId);
    const key = recordFieldOf(c.field);
    if (c.from === null && record !== undefined && Object.hasOwn(record, key) && sameValue(record[key], c.to)) return f;
    return c.from === null ? [f, c.to] : [f, c.from, c.to];
  });
}

function pageRecords(records: readonly SyncedRecord[]): PageRecords {
  const page: PageRecords = { household: new Map(), person: new Map(), peopleOf: new Map() };
  for (const r of records) {
    if (r.deleted || (r.entity !== 'household' && r.entity !== 'person')) continue;
    if (r.entity === 'person' && !page.person.has(r.id) && typeof r.record.householdId === 'string') {
      page.peopleOf.set(r.record.householdId, [...(page.peopleOf.get(r.record.householdId) ?? []), r.id]);
    }
    page[r.entity].set(r.id, r.record);
  }
  return page;
}

/** What a visit creating its household and people in the page would log (change-runs.ts creationLog). */
function creationLogIn(page: PageRecords, visit: { householdId?: unknown }) {
  if (typeof visit.householdId !== 'string') return undefined;
  const people = (page.peopleOf.get(visit.householdId) ?? []).flatMap((id) => {
    const person = page.person.get(id);
    return person === undefined ? [] : [[id, person] as const];
  });
  return creationLog(page.household.get(visit.householdId), people);
}

/** Keys a visit's row writes its own way (runs, 0), never as the page's time. */
const isVisitOwn = (entity: EntityKind, name: string) => entity === 'visit' && (name === 'changes' || name === 'personIds');

/** The page's records as version 2 or 3 writes them (cursor, more and serverTime go beside). */
export function encodePull(records: readonly SyncedRecord[], version: PullWireVersion = PULL_WIRE_VERSION): PullWire {
  const authors = numbering();
  const keyLists = numbering();
  const changeFields = numbering();
  const keys: PullWire['keys'] = [];
  const page = pageRecords(records);
  const wire: PullWire = { v: version, kinds: '', erased: [], authors: authors.list, keys, changeFields: changeFields.list, households: [], people: [], visits: [] };
  let time: unknown;
  for (const r of records) {
    if (r.deleted) {
      wire.kinds += LETTER[r.entity].toUpperCase();
      wire.erased.push(r.id);
      continue;
    }
    wire.kinds += LETTER[r.entity];
    const record: Record<string, unknown> = r.record;
    // The id is the row's own; kept among the keys only in the (never served) case it differs.
    const names = Object.keys(record).filter((k) => k !== 'id' || record.id !== r.id);
    const timed = (name: string) => version === 3 && !isVisitOwn(r.entity, name) && typeof record[name] === 'string' && record[name] === time;
    const list = names.map((name): string | [string] => (timed(name) ? [name] : name));
    const shape = keyLists.of(JSON.stringify(list));
    if (shape === keys.length) keys.push(list);
    const row: Row = [r.id, authors.of(r.updatedBy), shape];
    const changes: unknown = r.entity === 'visit' ? r.record.changes : undefined;
    for (const name of names) {
      if (timed(name)) continue;
      let value = record[name];
      if (r.entity === 'visit' && name === 'changes') {
        if (!isEncodable(changes)) value = asItIs(value);
        else value = version === 3 && sameValue(changes, creationLogIn(page, record)) ? CREATION_LOG : encodeChanges(changes, r.record, page, changeFields);
      } else if (r.entity === 'visit' && name === 'personIds') value = isEncodable(changes) && sameValue(value, assistedPeople(changes)) ? 0 : Array.isArray(value) ? value : asItIs(value);
      row.push(value);
    }
    wire[TABLE[r.entity]].push(row);
    if (typeof record[TIME_KEY] === 'string') time = record[TIME_KEY];
  }
  return wire;
}

class Unreadable extends Error {}

function need<T>(ok: boolean, value: T): T {
  if (!ok) throw new Unreadable();
  return value;
}

function decodeChanges(runs: unknown, visit: Record<string, unknown>, page: PageRecords, fields: readonly string[]): Change[] {
  const changes: Change[] = [];
  const field = (n: unknown) => need(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < fields.length, fields[n as number] as string);
  for (const run of need(Array.isArray(runs), runs as unknown[])) {
    need(Array.isArray(run) && run.length >= 1 && (run[0] === null || typeof run[0] === 'string'), undefined);
    const [personId, ...items] = run as [string | null, ...unknown[]];
    const by = personId === null ? {} : { personId };
    for (const item of items) {
      if (typeof item === 'number') {
        const name = field(item);
        const record = need(changedRecord(page, visit, personId) !== undefined, changedRecord(page, visit, personId) as Record<string, unknown>);
        changes.push({ ...by, field: name, from: null, to: copyValue(record[recordFieldOf(name)] as ChangeValue) });
      } else if (Array.isArray(item) && (item.length === 2 || item.length === 3)) {
        const [f, a, b] = item as [unknown, ChangeValue, ChangeValue];
        changes.push(item.length === 2 ? { ...by, field: field(f), from: null, to: a } : { ...by, field: field(f), from: a, to: b });
      } else {
        changes.push(need(typeof item === 'object' && item !== null, item as Change));
      }
    }
  }
  return changes;
}

/** A row's record, its values in place (the page's time filled in), a visit's changes still as written. */
function readRow(entity: EntityKind, row: Row, wire: PullWire, time: unknown): SyncedRecord & { deleted: false } {
  const [id, author, shape, ...values] = row;
  need(typeof id === 'string' && typeof author === 'number' && typeof shape === 'number', undefined);
  const updatedBy = need(wire.authors[author as number] !== undefined, wire.authors[author as number] as string);
  const names = need(wire.keys[shape as number] !== undefined, wire.keys[shape as number] as PullWire['keys'][number]);
  need(values.length === names.filter((name) => typeof name === 'string').length, undefined);
  const record: Record<string, unknown> = { id };
  let next = 0;
  for (const name of names) {
    if (typeof name === 'string') record[name] = values[next++];
    else record[need(wire.v === 3 && time !== undefined && !isVisitOwn(entity, name[0]), name[0])] = time;
  }
  return { entity, id, deleted: false, record, updatedBy } as SyncedRecord & { deleted: false };
}

/** A visit's changes and people as version 1 has them, from what its row wrote. */
function finishVisit(visit: Record<string, unknown>, wire: PullWire, page: PageRecords): void {
  if (isAsItIs(visit.changes)) visit.changes = visit.changes.asItIs;
  else if (visit.changes === CREATION_LOG) visit.changes = need(wire.v === 3, creationLogIn(page, visit));
  else if (Object.hasOwn(visit, 'changes')) visit.changes = decodeChanges(visit.changes, visit, page, wire.changeFields);
  if (isAsItIs(visit.personIds)) visit.personIds = visit.personIds.asItIs;
  else if (visit.personIds === 0) visit.personIds = assistedPeople(need(Array.isArray(visit.changes), visit.changes as Change[]));
}

/** The records of a version 2 or 3 answer, exactly as version 1 serves them; undefined if the answer does not hold together. */
export function decodePull(wire: PullWire): SyncedRecord[] | undefined {
  try {
    const next = { household: 0, person: 0, visit: 0 };
    let erased = 0;
    let time: unknown;
    const order: SyncedRecord[] = [];
    const visits: Record<string, unknown>[] = [];
    for (const letter of wire.kinds) {
      const entity = ENTITY[letter.toLowerCase() as keyof typeof ENTITY];
      if (letter !== letter.toLowerCase()) {
        const id = need(erased < wire.erased.length, wire.erased[erased++] as string);
        order.push({ entity, id, deleted: true });
        continue;
      }
      const row = need(next[entity] < wire[TABLE[entity]].length, wire[TABLE[entity]][next[entity]++] as Row);
      const read = readRow(entity, row, wire, time);
      const record: Record<string, unknown> = read.record;
      if (typeof record[TIME_KEY] === 'string') time = record[TIME_KEY];
      if (entity === 'visit') visits.push(record);
      order.push(read);
    }
    need(erased === wire.erased.length && (['household', 'person', 'visit'] as const).every((e) => next[e] === wire[TABLE[e]].length), undefined);
    // Households and people are whole now: a visit's changes may repeat their values.
    const page = pageRecords(order);
    for (const visit of visits) finishVisit(visit, wire, page);
    return order;
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}
