// Versions 2 and 3 of the push body, and the answer to both (docs/sync.md, "Push, versions 2
// and 3"): the very mutations of version 1, written so that what a phone's outbox repeats
// crosses the link once. Pure: the phone encodes, the server decodes and then validates the
// result exactly as a version 1 push. Phones send version 3; servers read 2 as well, as shipped.
// Everything left out is what the decoder would guess from the mutations before it, so the
// encoder writes a value only where the guess would be wrong:
// - the id, when it is the stamp (every new mutation's, mutations.ts idFromStamp);
// - the stamp, when it is the one after the last (same time, next counter, this body's device),
//   else its time as ms after the last stamp's; the device id once per body;
// - madeAt, when it is as far from the stamp's time as the last one was;
// - the scope, when it is the last mutation's or the record's own fields carry it;
// - a visit's changes, as runs per person whose new values point at the record's upsert earlier
//   in the same body instead of repeating them (a new household's visit repeats every value);
// - the keys of fields, once per body for each set of keys (`shapes`).
// Version 3 also leaves out:
// - a new household's visit's changes, when they are exactly the creation log of the records
//   upserted before it in the body (change-runs.ts creationLog): `c` is then 0;
// - a field whose value is the mutation's madeAt or its household (`updatedAt`, `visitedAt`, a
//   person's `householdId`): its shape says so instead of carrying the value.
import { changeRuns, creationLog, peopleOfChanges, recordFieldOf } from './change-runs';
import { formatStamp, parseStamp, type Stamp } from './clock';
import type { EntityKind, Mutation, MutationResult } from './sync-protocol';

/** What phones send; servers read this and every version in PUSH_WIRE_VERSIONS. */
export const PUSH_WIRE_VERSION = 3;
export const PUSH_WIRE_VERSIONS = [2, 3] as const;
export type PushWireVersion = (typeof PUSH_WIRE_VERSIONS)[number];
/** Version 3: `c` is 0 when a visit's changes are the creation log of the body's records. */
const CREATION_LOG = 0;

/** A visit's change: one field of the household (no personId) or of one person. */
type Change = { personId?: string; field: string; from: unknown; to: unknown };

/**
 * Changes of one person (or the household, null) in a row, in order. An item that is only a
 * field name went from null to the value the record's own upsert earlier in the body carries
 * (`added`: the person's name); any other is `[field, from, to]`.
 */
export type ChangeRun = [string | null, ...(string | [string, unknown, unknown])[]];

export type WireMutation = {
  /** The entity and its id: exactly one of these. */
  h?: string;
  p?: string;
  v?: string;
  /** The mutation's id, when it is not its stamp. */
  i?: string;
  /** ms after the last stamp (counter 0), `[ms, counter]`, or a whole stamp of another form. */
  s?: number | [number, number] | string;
  /** madeAt: ms from the stamp's time (kept for the next ones), or the text itself. */
  m?: number | string;
  commune?: string;
  hamlet?: string;
  household?: string;
  op?: string;
  correction?: boolean;
  /** The fields: an object, or `[shape, ...values]` with the keys in `shapes[shape]`. */
  f?: Record<string, unknown> | unknown[];
  /** A visit's `changes`, taken out of `f`; 0 (version 3): the creation log of the body's records. */
  c?: ChangeRun[] | typeof CREATION_LOG;
  /** A visit's `personIds` are the people `c` names, each once in order: left out of `f`. */
  a?: true;
};

/** Where a value left out of `f` is (version 3): the mutation's madeAt, or its household's id. */
type Source = 'madeAt' | 'household';
/** A key of a shape: its value is in `f`, or (version 3) `[key, source]`: it is not. */
export type ShapeKey = string | [string, Source];

export type PushBody = { v: PushWireVersion; device: string; shapes: ShapeKey[][]; mutations: WireMutation[] };

export type PushWireOptions = { columns?: boolean; changeRuns?: boolean; version?: PushWireVersion };

const ENTITY_KEYS = { household: 'h', person: 'p', visit: 'v' } as const satisfies Record<EntityKind, string>;
/** Fields of this many keys or more are written as a shape and values. */
const SHAPE_FROM_KEYS = 3;
const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isoOf(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** What both ends know after each mutation, from which the next one's left-out parts are guessed. */
type Guesses = {
  stamp: Stamp | undefined;
  madeAtOffset: number;
  scope: { communeCode?: string; hamletCode?: string; householdId?: string };
  /** The fields upserted so far in this body, per record (`entity id`), latest value of each. */
  upserted: Map<string, Record<string, unknown>>;
  /** The people upserted so far in this body, per household, in the order of their first upsert. */
  people: Map<string, string[]>;
};

const freshGuesses = (): Guesses => ({ stamp: undefined, madeAtOffset: 0, scope: {}, upserted: new Map(), people: new Map() });
const recordKey = (entity: string, id: string) => `${entity} ${id}`;

function guessedScope(g: Guesses, entity: string, entityId: string, fields: Record<string, unknown>) {
  const own = (key: string) => (entity === 'household' && typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  return {
    communeCode: own('communeCode') ?? g.scope.communeCode,
    hamletCode: own('hamletCode') ?? g.scope.hamletCode,
    householdId: entity === 'household' ? entityId : typeof fields.householdId === 'string' ? fields.householdId : g.scope.householdId,
  };
}

function remember(g: Guesses, m: Mutation, stamp: Stamp | undefined) {
  if (stamp !== undefined) g.stamp = stamp;
  g.scope = { communeCode: m.communeCode, hamletCode: m.hamletCode, householdId: m.householdId };
  const key = recordKey(m.entity, m.entityId);
  if (m.op === 'upsert') g.upserted.set(key, { ...g.upserted.get(key), ...m.fields });
  else g.upserted.delete(key);
  const people = g.people.get(m.householdId) ?? [];
  if (m.entity === 'person' && m.op === 'upsert' && !people.includes(m.entityId)) g.people.set(m.householdId, [...people, m.entityId]);
}

/** The creation log of the household and its people as upserted so far in this body. */
function creationLogOf(g: Guesses, householdId: string) {
  const people = (g.people.get(householdId) ?? []).flatMap((id) => {
    const person = g.upserted.get(recordKey('person', id));
    return person === undefined ? [] : [[id, person] as const];
  });
  return creationLog(g.upserted.get(recordKey('household', householdId)), people);
}

/** The record a visit's change belongs to: a person's, or the household's. */
const changedRecord = (personId: string | null, householdId: string) => (personId === null ? recordKey('household', householdId) : recordKey('person', personId));

function isPlainChange(c: unknown): c is Change {
  if (!isRecord(c) || typeof c.field !== 'string' || c.from === undefined || c.to === undefined) return false;
  if ('personId' in c && typeof c.personId !== 'string') return false;
  return Object.keys(c).every((k) => k === 'personId' || k === 'field' || k === 'from' || k === 'to');
}

function encodeChanges(changes: readonly Change[], householdId: string, g: Guesses): ChangeRun[] {
  return changeRuns(changes, (change, person) => {
    const record = g.upserted.get(changedRecord(person, householdId));
    const field = recordFieldOf(change.field);
    const pointed = change.from === null && record !== undefined && Object.hasOwn(record, field) && sameJson(record[field], change.to);
    return pointed ? change.field : ([change.field, change.from, change.to] as [string, unknown, unknown]);
  });
}

/** A value left out of `f` in version 3 where the marker is no longer than the value. */
function sourceOf(m: Mutation, value: unknown): Source | undefined {
  if (typeof value !== 'string' || JSON.stringify(value).length <= 'household'.length) return undefined;
  return value === m.madeAt ? 'madeAt' : value === m.householdId ? 'household' : undefined;
}

/**
 * The body for these mutations, in their order, in version 3 unless asked for 2. What JSON
 * leaves out (undefined) is left out here too, so the decoder gives back what version 1 carries.
 */
export function encodePush(mutations: readonly Mutation[], options: PushWireOptions = {}): PushBody {
  const { columns = true, changeRuns = true, version = PUSH_WIRE_VERSION } = options;
  const device = mutations.map((m) => parseStamp(m.stamp)?.device).find((d) => d !== undefined) ?? '';
  const shapes: ShapeKey[][] = [];
  const shapeIndex = new Map<string, number>();
  const g = freshGuesses();
  const wire = mutations.map((m): WireMutation => {
    const w: WireMutation = { [ENTITY_KEYS[m.entity]]: m.entityId };
    if (m.id !== m.stamp) w.i = m.id;

    const stamp = parseStamp(m.stamp);
    const compact = stamp !== undefined && stamp.device === device && formatStamp(stamp) === m.stamp;
    if (!compact) w.s = m.stamp;
    else if (g.stamp === undefined || stamp.ms !== g.stamp.ms || stamp.counter !== g.stamp.counter + 1) {
      const ms = stamp.ms - (g.stamp?.ms ?? 0);
      w.s = stamp.counter === 0 ? ms : [ms, stamp.counter];
    }

    if (stamp !== undefined && m.madeAt === isoOf(stamp.ms + g.madeAtOffset)) {
      // as guessed
    } else if (stamp !== undefined && isoOf(Date.parse(m.madeAt)) === m.madeAt) {
      w.m = Date.parse(m.madeAt) - stamp.ms;
      g.madeAtOffset = w.m;
    } else w.m = m.madeAt;

    let fields = m.fields;
    const changes = fields.changes;
    if (changeRuns && m.entity === 'visit' && Array.isArray(changes) && changes.every(isPlainChange)) {
      w.c = version === 3 && sameJson(changes, creationLogOf(g, m.householdId)) ? CREATION_LOG : encodeChanges(changes, m.householdId, g);
      const { changes: _, ...rest } = fields;
      fields = rest;
      if (sameJson(fields.personIds, peopleOfChanges(changes))) {
        w.a = true;
        const { personIds: __, ...others } = fields;
        fields = others;
      }
    }
    const keys = Object.keys(fields).filter((k) => fields[k] !== undefined);
    const shaped = columns && keys.length >= SHAPE_FROM_KEYS;
    const sources = new Map<string, Source>();
    for (const k of version === 3 && shaped ? keys : []) {
      const source = sourceOf(m, fields[k]);
      if (source !== undefined) sources.set(k, source);
    }
    if (shaped) {
      const shape = keys.map((k): ShapeKey => {
        const source = sources.get(k);
        return source === undefined ? k : [k, source];
      });
      const name = JSON.stringify(shape);
      let index = shapeIndex.get(name);
      if (index === undefined) {
        index = shapes.push(shape) - 1;
        shapeIndex.set(name, index);
      }
      w.f = [index, ...keys.filter((k) => !sources.has(k)).map((k) => fields[k])];
    } else if (keys.length > 0) w.f = fields;

    // The scope is guessed from the fields the decoder has before it: not a household's id that
    // the shape leaves out (it is filled in from the scope).
    const seen = sources.size === 0 ? fields : Object.fromEntries(Object.entries(fields).filter(([k]) => sources.get(k) !== 'household'));
    const guess = guessedScope(g, m.entity, m.entityId, seen);
    if (guess.communeCode !== m.communeCode) w.commune = m.communeCode;
    if (guess.hamletCode !== m.hamletCode) w.hamlet = m.hamletCode;
    if (guess.householdId !== m.householdId) w.household = m.householdId;
    if (m.op !== 'upsert') w.op = m.op;
    if (m.correction !== undefined) w.correction = m.correction;

    remember(g, m, stamp);
    return w;
  });
  return { v: version, device, shapes, mutations: wire };
}

export type Decoded = { ok: true; version: PushWireVersion; mutations: Mutation[] } | { ok: false; tooLarge: boolean; error: string };

class WireProblem extends Error {}

const ENTITY_OF_KEY: Record<string, EntityKind> = { h: 'household', p: 'person', v: 'visit' };

function wholeNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new WireProblem(`${what} must be a whole number`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new WireProblem(`${what} must be text`);
  return value;
}

/**
 * The fields `f` carries, the madeAt ones filled in; the keys whose value is the household's id
 * are there, in their place, without a value until the scope is known.
 */
function decodeFields(f: unknown, shapes: readonly (readonly ShapeKey[])[], madeAt: string): { fields: Record<string, unknown>; household: string[]; leftOut: string[] } {
  if (f === undefined) return { fields: {}, household: [], leftOut: [] };
  if (isRecord(f)) return { fields: { ...f }, household: [], leftOut: [] };
  if (!Array.isArray(f)) throw new WireProblem('f must be an object or [shape, ...values]');
  const [index, ...values] = f;
  const shape = shapes[wholeNumber(index, 'the shape of f')];
  if (shape === undefined) throw new WireProblem(`f names shape ${String(index)}, which the body does not have`);
  const carried = shape.filter((key) => typeof key === 'string').length;
  if (values.length !== carried) throw new WireProblem(`f has ${values.length} values for the ${carried} keys of its shape`);
  const household = shape.flatMap((key) => (typeof key !== 'string' && key[1] === 'household' ? [key[0]] : []));
  let next = 0;
  // fromEntries, not assignment: a key such as __proto__ stays a field.
  const fields = Object.fromEntries(shape.map((key) => (typeof key === 'string' ? [key, values[next++]] : [key[0], key[1] === 'madeAt' ? madeAt : undefined])));
  return { fields, household, leftOut: shape.flatMap((key) => (typeof key === 'string' ? [] : [key[0]])) };
}

type Budget = { left: number };

function decodeChanges(c: unknown, householdId: string, g: Guesses, budget: Budget): Change[] {
  if (!Array.isArray(c)) throw new WireProblem('c must be a list of runs');
  const changes: Change[] = [];
  for (const run of c) {
    if (!Array.isArray(run) || run.length === 0) throw new WireProblem('each run of c must be [person or null, ...changes]');
    const [person, ...items] = run;
    if (person !== null && typeof person !== 'string') throw new WireProblem('a run of c starts with a person id or null');
    const base = person === null ? {} : { personId: person };
    for (const item of items) {
      if (Array.isArray(item)) {
        if (item.length !== 3) throw new WireProblem('a change of c is [field, from, to]');
        changes.push({ ...base, field: text(item[0], 'a change’s field'), from: item[1], to: item[2] });
        continue;
      }
      const field = text(item, 'a change of c');
      const record = g.upserted.get(changedRecord(person, householdId));
      const key = recordFieldOf(field);
      if (record === undefined || !Object.hasOwn(record, key)) {
        throw new WireProblem(`the change of ${field} points at a value no earlier mutation in this push carries`);
      }
      // A pointer copies a value: count what it would weigh written out, so a small body
      // cannot expand into a huge one.
      budget.left -= JSON.stringify(record[key]).length;
      if (budget.left < 0) throw new TooLarge();
      changes.push({ ...base, field, from: null, to: record[key] });
    }
  }
  return changes;
}

class TooLarge extends Error {}

/** The creation log `c: 0` stands for, counted against the budget as pointers are. */
function decodeCreationLog(householdId: string, g: Guesses, budget: Budget) {
  const log = creationLogOf(g, householdId);
  budget.left -= JSON.stringify(log).length;
  if (budget.left < 0) throw new TooLarge();
  return log;
}

function decodeOne(w: unknown, version: PushWireVersion, device: string, shapes: readonly (readonly ShapeKey[])[], g: Guesses, budget: Budget): Mutation {
  if (!isRecord(w)) throw new WireProblem('must be an object');
  const kinds = Object.keys(ENTITY_OF_KEY).filter((k) => k in w);
  const [kind] = kinds;
  const entity = kind === undefined ? undefined : ENTITY_OF_KEY[kind];
  if (kinds.length !== 1 || kind === undefined || entity === undefined) throw new WireProblem('must name exactly one record as h, p or v');
  const entityId = text(w[kind], `its ${kind}`);

  let stamp: Stamp | undefined;
  let stampText: string;
  if (typeof w.s === 'string') {
    stampText = w.s;
    stamp = parseStamp(w.s);
  } else {
    let ms: number;
    let counter: number;
    if (w.s === undefined) {
      if (g.stamp === undefined) throw new WireProblem('s is needed: no stamp before it to follow');
      ms = g.stamp.ms;
      counter = g.stamp.counter + 1;
    } else {
      const [after, c] = Array.isArray(w.s) && w.s.length === 2 ? w.s : [w.s, 0];
      ms = (g.stamp?.ms ?? 0) + wholeNumber(after, 's');
      counter = wholeNumber(c, 'the counter of s');
    }
    if (ms < 0 || counter < 0) throw new WireProblem('s gives a time or counter below zero');
    stamp = { ms, counter, device };
    stampText = formatStamp(stamp);
  }

  let madeAt: string | undefined;
  if (typeof w.m === 'string') madeAt = w.m;
  else if (stamp !== undefined) {
    if (w.m !== undefined) g.madeAtOffset = wholeNumber(w.m, 'm');
    madeAt = isoOf(stamp.ms + g.madeAtOffset);
  }
  if (madeAt === undefined) throw new WireProblem('m is needed: its time cannot be told from the stamp');

  const { fields, household, leftOut } = decodeFields(w.f, shapes, madeAt);
  const scope = guessedScope(g, entity, entityId, fields);
  const communeCode = w.commune === undefined ? scope.communeCode : text(w.commune, 'commune');
  const hamletCode = w.hamlet === undefined ? scope.hamletCode : text(w.hamlet, 'hamlet');
  const householdId = w.household === undefined ? scope.householdId : text(w.household, 'household');
  if (communeCode === undefined || hamletCode === undefined || householdId === undefined) {
    throw new WireProblem('its commune, hamlet and household must be given: nothing before it says them');
  }
  for (const key of household) Object.defineProperty(fields, key, { value: householdId, enumerable: true, writable: true, configurable: true });
  // A value a shape leaves out is copied into every mutation of that shape: counted as pointers
  // are, so a small body of many mutations cannot expand into a huge one.
  for (const key of leftOut) budget.left -= key.length + JSON.stringify(fields[key]).length + 4;
  if (budget.left < 0) throw new TooLarge();
  if (w.c !== undefined) {
    if ('changes' in fields) throw new WireProblem('gives changes both in f and in c');
    fields.changes = w.c === CREATION_LOG && version === 3 ? decodeCreationLog(householdId, g, budget) : decodeChanges(w.c, householdId, g, budget);
  }
  if (w.a !== undefined) {
    if (w.a !== true || w.c === undefined || 'personIds' in fields) throw new WireProblem('a is true, with c, and personIds is then not in f');
    fields.personIds = peopleOfChanges(fields.changes as Change[]);
  }
  const op = w.op === undefined ? 'upsert' : text(w.op, 'op');
  const m = {
    id: w.i === undefined ? stampText : text(w.i, 'i'),
    entity,
    entityId,
    op,
    communeCode,
    hamletCode,
    householdId,
    fields,
    stamp: stampText,
    ...(w.correction === undefined ? {} : { correction: w.correction }),
    madeAt,
  } as Mutation; // checked whole by the protocol's schema after decoding
  remember(g, m, stamp);
  return m;
}

const isVersion = (v: unknown): v is PushWireVersion => PUSH_WIRE_VERSIONS.some((known) => known === v);

/** A shape's keys: field names (version 3: or `[name, source]`), each name once. */
function isShape(s: unknown, version: PushWireVersion): s is ShapeKey[] {
  if (!Array.isArray(s)) return false;
  const name = (k: unknown) => (typeof k === 'string' ? k : version === 3 && Array.isArray(k) && k.length === 2 && typeof k[0] === 'string' && (k[1] === 'madeAt' || k[1] === 'household') ? k[0] : undefined);
  const names = s.map(name);
  return names.every((n) => n !== undefined) && new Set(names).size === names.length;
}

/**
 * The version 1 mutations a version 2 or 3 body carries, or why it cannot be read, in plain
 * words. Only the wire form is checked here; the mutations are validated as any version 1
 * push. `maxExpandBytes` bounds what the body's pointers and creation logs may copy.
 */
export function decodePush(body: unknown, maxExpandBytes: number): Decoded {
  if (!isRecord(body)) return { ok: false, tooLarge: false, error: 'the body must be an object' };
  const version = body.v;
  if (!isVersion(version)) return { ok: false, tooLarge: false, error: `v is ${JSON.stringify(body.v)}, but this server reads version 1 (no v), ${PUSH_WIRE_VERSIONS.join(' and ')}` };
  const { device, shapes, mutations } = body;
  if (typeof device !== 'string') return { ok: false, tooLarge: false, error: 'device must be text' };
  if (!Array.isArray(shapes) || !shapes.every((s) => isShape(s, version))) {
    return { ok: false, tooLarge: false, error: 'shapes must be lists of distinct field names' };
  }
  if (!Array.isArray(mutations)) return { ok: false, tooLarge: false, error: 'mutations must be a list' };
  const g = freshGuesses();
  const budget = { left: maxExpandBytes };
  const decoded: Mutation[] = [];
  for (const [i, w] of mutations.entries()) {
    try {
      decoded.push(decodeOne(w, version, device, shapes as ShapeKey[][], g, budget));
    } catch (error) {
      if (error instanceof TooLarge) return { ok: false, tooLarge: true, error: `the changes of this push point at more than ${maxExpandBytes} bytes of values` };
      if (error instanceof WireProblem) return { ok: false, tooLarge: false, error: `mutations.${i}: ${error.message}` };
      throw error;
    }
  }
  return { ok: true, version, mutations: decoded };
}

/** Whether a push body says it has a version, 2 or later (anything else is read as version 1). */
export const isPushV2 = (body: unknown): boolean => isRecord(body) && 'v' in body;

/** The version a push body says it is, whatever it is (for the words of a refusal). */
export const pushVersionOf = (body: unknown): unknown => (isRecord(body) ? body.v : undefined);

/** The version 2 answer, to pushes of version 2 and 3: counts, and only the refused mutations with their reasons. */
export type PushAnswerV2 = { v: 2; applied: number; duplicate: number; rejected: { id: string; reason: string }[]; serverTime: string };

export function answerV2(results: readonly MutationResult[], serverTime: string): PushAnswerV2 {
  const answer: PushAnswerV2 = { v: 2, applied: 0, duplicate: 0, rejected: [], serverTime };
  for (const r of results) {
    if (r.status === 'rejected') answer.rejected.push({ id: r.id, reason: r.reason });
    else answer[r.status]++;
  }
  return answer;
}

/**
 * Each sent mutation's result from a version 2 answer (applied and duplicate are alike to the
 * phone), or undefined when the answer does not account for exactly the mutations sent.
 */
export function resultsOfAnswer(sentIds: readonly string[], answer: Pick<PushAnswerV2, 'applied' | 'duplicate' | 'rejected'>): MutationResult[] | undefined {
  const refused = new Map(answer.rejected.map((r) => [r.id, r.reason]));
  const sent = new Set(sentIds);
  if (refused.size !== answer.rejected.length || [...refused.keys()].some((id) => !sent.has(id))) return undefined;
  if (answer.applied + answer.duplicate + refused.size !== sent.size || sent.size !== sentIds.length) return undefined;
  return sentIds.map((id) => {
    const reason = refused.get(id);
    return reason === undefined ? { id, status: 'applied' as const } : { id, status: 'rejected' as const, reason };
  });
}
