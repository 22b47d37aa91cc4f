// Version 2 of the pull answer (asked for with `&v=2`): the same records as version 1, written
// compactly. Each entity's records are rows under key lists written once; the author is an
// index into a list of authors; a visit's changes are runs per person, and a change that only
// repeats a value its record in the same page holds (a creation visit lists them all) is just
// the field's number. decodePull gives back exactly the SyncedRecord[] of version 1.
import * as z from 'zod/mini';
import type { EntityKind, SyncedRecord } from './sync-protocol';
import type { Change, ChangeValue, Visit } from './visit';
import { assistedPeople } from './visit-changes';
import { changeRuns, recordFieldOf } from './change-runs';

export const PULL_WIRE_VERSION = 2;

/** A row: id, author (index into `authors`), key list (index into `keys`), then one value per key. */
type Row = unknown[];

/** A change: a field number when it repeats its record's value from null; [field, to] from null; [field, from, to]; or the change itself. */
type WireChange = number | [number, ChangeValue] | [number, ChangeValue, ChangeValue] | Change;
/** Changes of one person (null: of the household) in the order the visit lists them. */
type ChangeRun = [string | null, ...WireChange[]];

export const PullWire = z.object({
  v: z.literal(PULL_WIRE_VERSION),
  /** One letter per record in the server's order: h, p, v; upper case for an erased one. */
  kinds: z.string().check(z.regex(/^[hpvHPV]*$/)),
  /** Ids of the erased records, in order. */
  erased: z.array(z.string()),
  authors: z.array(z.string()),
  keys: z.array(z.array(z.string())),
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


type PageRecords = { household: Map<string, Record<string, unknown>>; person: Map<string, Record<string, unknown>> };

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
  const page: PageRecords = { household: new Map(), person: new Map() };
  for (const r of records) {
    if (!r.deleted && (r.entity === 'household' || r.entity === 'person')) page[r.entity].set(r.id, r.record);
  }
  return page;
}

/** The page's records as version 2 writes them (cursor, more and serverTime go beside). */
export function encodePull(records: readonly SyncedRecord[]): PullWire {
  const authors = numbering();
  const keyLists = numbering();
  const changeFields = numbering();
  const keys: string[][] = [];
  const page = pageRecords(records);
  const wire: PullWire = { v: PULL_WIRE_VERSION, kinds: '', erased: [], authors: authors.list, keys, changeFields: changeFields.list, households: [], people: [], visits: [] };
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
    const shape = keyLists.of(names.join('\n'));
    if (shape === keys.length) keys.push(names);
    const row: Row = [r.id, authors.of(r.updatedBy), shape];
    for (const name of names) {
      let value = record[name];
      const changes: unknown = r.entity === 'visit' ? r.record.changes : undefined;
      if (r.entity === 'visit' && name === 'changes') value = isEncodable(changes) ? encodeChanges(changes, r.record, page, changeFields) : asItIs(value);
      else if (r.entity === 'visit' && name === 'personIds') value = isEncodable(changes) && sameValue(value, assistedPeople(changes)) ? 0 : Array.isArray(value) ? value : asItIs(value);
      row.push(value);
    }
    wire[TABLE[r.entity]].push(row);
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

function decodeRow(entity: EntityKind, row: Row, wire: PullWire, page: PageRecords): SyncedRecord {
  const [id, author, shape, ...values] = row;
  need(typeof id === 'string' && typeof author === 'number' && typeof shape === 'number', undefined);
  const updatedBy = need(wire.authors[author as number] !== undefined, wire.authors[author as number] as string);
  const names = need(wire.keys[shape as number] !== undefined, wire.keys[shape as number] as string[]);
  need(values.length === names.length, undefined);
  const record: Record<string, unknown> = { id };
  names.forEach((name, i) => {
    record[name] = values[i];
  });
  if (entity === 'visit') {
    if (isAsItIs(record.changes)) record.changes = record.changes.asItIs;
    else if (names.includes('changes')) record.changes = decodeChanges(record.changes, record, page, wire.changeFields);
    if (isAsItIs(record.personIds)) record.personIds = record.personIds.asItIs;
    else if (record.personIds === 0) record.personIds = assistedPeople(need(Array.isArray(record.changes), record.changes as Change[]));
  }
  return { entity, id, deleted: false, record, updatedBy } as SyncedRecord;
}

/** The records of a version 2 answer, exactly as version 1 serves them; undefined if the answer does not hold together. */
export function decodePull(wire: PullWire): SyncedRecord[] | undefined {
  try {
    const next = { household: 0, person: 0, visit: 0 };
    let erased = 0;
    const live: { entity: EntityKind; row: Row }[] = [];
    const order: ({ erased: SyncedRecord } | { live: number })[] = [];
    for (const letter of wire.kinds) {
      const entity = ENTITY[letter.toLowerCase() as keyof typeof ENTITY];
      if (letter !== letter.toLowerCase()) {
        const id = need(erased < wire.erased.length, wire.erased[erased++] as string);
        order.push({ erased: { entity, id, deleted: true } });
      } else {
        const row = need(next[entity] < wire[TABLE[entity]].length, wire[TABLE[entity]][next[entity]++] as Row);
        order.push({ live: live.length });
        live.push({ entity, row });
      }
    }
    need(erased === wire.erased.length && (['household', 'person', 'visit'] as const).every((e) => next[e] === wire[TABLE[e]].length), undefined);
    // Households and people first: a visit's changes may repeat their values.
    const decoded: (SyncedRecord | undefined)[] = live.map(({ entity, row }) => (entity === 'visit' ? undefined : decodeRow(entity, row, wire, { household: new Map(), person: new Map() })));
    const page = pageRecords(decoded.filter((r) => r !== undefined));
    const records = live.map(({ entity, row }, i) => decoded[i] ?? decodeRow(entity, row, wire, page));
    return order.map((o) => ('erased' in o ? o.erased : (records[o.live] as SyncedRecord)));
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}
