// Versions 2 and 3 of the push give back exactly the mutations of version 1: over generated
// mutations (seeded, so a failure names the seed that shows it) of every form the wire treats
// apart, new households as the app saves them, and over bodies that cannot be read. Real
// outboxes from saveHousehold: src/sync/push.test.ts.
import { describe, expect, it } from 'vitest';
import { fixtureCommune } from '../../tests/fixtures/commune';
import { pick, seededRandom } from '../../tests/support/random';
import { formatStamp } from './clock';
import { answerV2, decodePush, encodePush, PUSH_WIRE_VERSIONS, resultsOfAnswer, type PushWireOptions } from './push-wire';
import type { Mutation } from './sync-protocol';
import { assistedPeople, diffHousehold } from './visit-changes';

const DEVICE = '077556c1-bb95-4f9f-bfe4-1e1909cd5bd5';
const LIMIT = 2 * 1024 * 1024;
/** JSON text with keys sorted: what the server's content hash sees (key order means nothing). */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
/** One line per mutation, so a failure shows the one that differs. */
const asJson = (mutations: readonly Mutation[]) => mutations.map(sortedJson);

/** Through the wire and back: encoded, sent as JSON text, decoded. */
function roundTrip(mutations: readonly Mutation[], options?: PushWireOptions): Mutation[] {
  const decoded = decodePush(JSON.parse(JSON.stringify(encodePush(mutations, options))), LIMIT);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.mutations;
}

const VALUES: readonly unknown[] = [
  null, true, false, 0, -1, 2021, 1.5, '', 'none', 'Hoàng Thị Dung', 'l2_active', ['payment', 'safety'], [], { givenBy: 'self', at: [1, null] },
];

/** Mutations of every form the wire writes apart, in runs like a phone's outbox. */
function generated(seed: number, count: number): Mutation[] {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  let ms = Date.UTC(2026, 10, 20) + Math.floor(random() * 1e6);
  let counter = 0;
  let offset = 0;
  const mutations: Mutation[] = [];
  const households = ['h1', 'h2', 'h3'];
  const hamlets = ['T1', 'T2'];
  for (let i = 0; i < count; i++) {
    if (chance(0.3)) {
      ms += chance(0.1) ? -Math.floor(random() * 5000) : Math.floor(random() * 100_000);
      counter = chance(0.8) ? 0 : Math.floor(random() * 50);
    } else counter++;
    if (chance(0.1)) offset = Math.floor((random() - 0.5) * 1e7);
    const device = chance(0.9) ? DEVICE : 'other-device';
    const stamp = chance(0.05) ? pick(random, ['not a stamp', '000MWUPMW6N-0000-x', '']) : formatStamp({ ms: Math.max(0, ms), counter, device });
    const madeAt = chance(0.05) ? pick(random, ['2026-11-24T08:00:00Z', 'hôm qua', '']) : new Date(Math.max(0, ms) + offset).toISOString();
    const entity = pick(random, ['household', 'person', 'visit'] as const);
    const householdId = pick(random, households);
    const entityId = entity === 'household' ? (chance(0.9) ? householdId : 'h9') : `${householdId}-${entity[0]}${Math.floor(random() * 3)}`;
    const fields: Record<string, unknown> = {};
    const keyCount = Math.floor(random() * 8);
    for (let k = 0; k < keyCount; k++) fields[pick(random, ['name', 'birthYear', 'phone', 'skills', 'consent', 'updatedAt', '__proto__', 'constructor'])] = pick(random, VALUES);
    if (chance(0.5)) fields.householdId = chance(0.9) ? householdId : 'h8';
    if (entity === 'household' && chance(0.6)) fields.hamletCode = pick(random, hamlets);
    if (entity === 'household' && chance(0.5)) fields.communeCode = chance(0.9) ? 'X1' : 'X2';
    if (chance(0.05)) fields.gone = undefined;
    if (entity === 'visit' && chance(0.8)) {
      const people = [`${householdId}-p0`, `${householdId}-p1`, `${householdId}-p2`];
      const changes = Array.from({ length: Math.floor(random() * 12) }, () => {
        const personId = chance(0.3) ? undefined : pick(random, people);
        const field = pick(random, ['added', 'name', 'birthYear', 'phone', 'skills', 'hamletCode', 'headName']);
        const change: Record<string, unknown> = { ...(personId === undefined ? {} : { personId }), field, from: chance(0.7) ? null : pick(random, VALUES), to: pick(random, VALUES) };
        if (chance(0.02)) change.extra = 1;
        if (chance(0.02)) change[pick(random, ['personId', 'from', 'to'])] = undefined;
        return change;
      });
      fields.changes = chance(0.05) ? 'not a list' : changes;
      fields.personIds = chance(0.8) ? [...new Set(changes.flatMap((c) => (typeof c.personId === 'string' ? [c.personId] : [])))] : [pick(random, people)];
    }
    const op = chance(0.1) ? 'delete' : 'upsert';
    mutations.push({
      id: chance(0.85) ? stamp || 'id' : chance(0.5) ? `${Math.floor(random() * 1e12).toString(16)}-4f9f-bfe4-1e1909cd5bd5` : `requeued-${i}`,
      entity,
      entityId,
      op,
      communeCode: chance(0.95) ? 'X1' : 'X2',
      hamletCode: entity === 'household' && typeof fields.hamletCode === 'string' && chance(0.9) ? fields.hamletCode : pick(random, hamlets),
      householdId: entity === 'household' && chance(0.95) ? entityId : householdId,
      fields: op === 'delete' && chance(0.9) ? {} : fields,
      stamp,
      ...(chance(0.1) ? { correction: chance(0.8) } : {}),
      madeAt,
    });
  }
  return mutations;
}

/**
 * New households as the app queues them (household, people, the visit that logs them), with
 * what happens around them: a visit whose log is not the creation log any more, people upserted
 * again or erased before the visit, a household of no people, ids long enough to be left out.
 */
function households(seed: number, count: number): Mutation[] {
  const random = seededRandom(seed);
  const { households: homes, people } = fixtureCommune(seed, count, { idPrefix: 'nha-so-' });
  let ms = Date.UTC(2026, 10, 20, 1);
  let counter = 0;
  const mutations: Mutation[] = [];
  for (const home of homes) {
    ms += Math.floor(random() * 60_000);
    counter = 0;
    const madeAt = new Date(ms).toISOString();
    const scope = { communeCode: home.communeCode, hamletCode: home.hamletCode, householdId: home.id };
    const push = (entity: Mutation['entity'], entityId: string, fields: Record<string, unknown>, op: 'upsert' | 'delete' = 'upsert') => {
      const stamp = formatStamp({ ms, counter: counter++, device: DEVICE });
      mutations.push({ id: stamp, entity, entityId, op, ...scope, fields, stamp, madeAt });
    };
    const members = random() < 0.1 ? [] : people.filter((p) => p.householdId === home.id);
    const { id: _, ...homeFields } = { ...home, updatedAt: random() < 0.8 ? madeAt : home.updatedAt };
    if (random() < 0.9) push('household', home.id, homeFields);
    for (const person of members) {
      const { id, ...fields } = { ...person, updatedAt: madeAt };
      push('person', id, fields);
      if (random() < 0.05) push('person', id, { name: `${person.name} B` });
      if (random() < 0.03) push('person', id, {}, 'delete');
    }
    let changes = diffHousehold(undefined, { household: home, people: members });
    if (random() < 0.1) changes = changes.slice(1);
    if (random() < 0.05) changes = [...changes].reverse();
    push('visit', `${home.id}-tham`, { householdId: home.id, visitedAt: madeAt, visitor: 'Lò Thị Mây', changes, personIds: assistedPeople(changes), notes: '' });
  }
  return mutations;
}

const SEEDS = Array.from({ length: 40 }, (_, i) => 600 + i);
const OPTIONS: PushWireOptions[] = [{}, { columns: false }, { changeRuns: false }, { columns: false, changeRuns: false }];

describe.each(PUSH_WIRE_VERSIONS)('push version %i round trip', (version) => {
  it.each(SEEDS)('gives back exactly the mutations it was given (seed %i)', (seed) => {
    const mutations = generated(seed, 150);
    expect(asJson(roundTrip(mutations, { ...OPTIONS[seed % OPTIONS.length], version }))).toEqual(asJson(mutations));
  });

  it.each(SEEDS.slice(0, 20))('gives back exactly the new households it was given, the app’s own and others (seed %i)', (seed) => {
    const mutations = households(seed, 25);
    expect(asJson(roundTrip(mutations, { ...OPTIONS[seed % OPTIONS.length], version }))).toEqual(asJson(mutations));
  });

  it.each(SEEDS)('is never longer than version 1, so a batch sized as version 1 fits the server (seed %i)', (seed) => {
    const mutations = [...generated(seed, 150), ...households(seed, 10)];
    for (let start = 0; start < mutations.length; start += 7) {
      const batch = mutations.slice(start, start + 1 + (start % 30));
      expect(JSON.stringify(encodePush(batch, { version })).length).toBeLessThanOrEqual(JSON.stringify({ mutations: batch }).length);
    }
  });

  it.each(SEEDS.slice(0, 10))('gives back each batch a push may cut from the same outbox (seed %i)', (seed) => {
    const mutations = [...generated(seed, 120), ...households(seed, 10)];
    for (let start = 0; start < mutations.length; start += 17) {
      const batch = mutations.slice(start, start + 1 + (start % 40));
      expect(asJson(roundTrip(batch, { version }))).toEqual(asJson(batch));
    }
  });
});

describe('what a push leaves out', () => {
  it('writes a new household’s visit as the creation log, and madeAt and the household’s id as the shape says', () => {
    const mutations = households(SEEDS[0] ?? 0, 1).filter((m) => !(m.entity === 'person' && Object.keys(m.fields).length === 1) && m.op === 'upsert');
    const body = encodePush(mutations);
    expect(body.v).toBe(3);
    const visit = body.mutations.at(-1);
    expect(visit).toMatchObject({ c: 0, a: true });
    expect(body.shapes.flat().filter(Array.isArray)).toEqual(expect.arrayContaining([['updatedAt', 'madeAt'], ['householdId', 'household'], ['visitedAt', 'madeAt']]));
    expect(JSON.stringify(body)).not.toContain(mutations[0]?.madeAt);
    expect(asJson(roundTrip(mutations))).toEqual(asJson(mutations));
  });

  it('writes the changes as runs where they are not exactly the creation log', () => {
    const mutations = households(SEEDS[0] ?? 0, 1);
    const visit = mutations.at(-1) as Mutation;
    const changes = (visit.fields.changes as unknown[]).slice(1);
    const edited = [...mutations.slice(0, -1), { ...visit, fields: { ...visit.fields, changes } }];
    expect(encodePush(edited).mutations.at(-1)?.c).toEqual(expect.any(Array));
    expect(asJson(roundTrip(edited))).toEqual(asJson(edited));
  });

  it('leaves out what the decoder guesses: ids that are stamps, the next stamp, the scope, the values a new record’s visit repeats', () => {
    const stamp = (counter: number) => formatStamp({ ms: Date.UTC(2026, 10, 20), counter, device: DEVICE });
    const madeAt = new Date(Date.UTC(2026, 10, 20)).toISOString();
    const scope = { communeCode: 'X1', hamletCode: 'T1', householdId: 'h1' };
    const base = { op: 'upsert', ...scope, madeAt } as const;
    const mutations: Mutation[] = [
      { ...base, id: stamp(0), stamp: stamp(0), entity: 'household', entityId: 'h1', fields: { communeCode: 'X1', hamletCode: 'T1', headName: 'Lò Thị Mây' } },
      { ...base, id: stamp(1), stamp: stamp(1), entity: 'person', entityId: 'p1', fields: { householdId: 'h1', name: 'Lò Thị Mây', birthYear: 1990 } },
      {
        ...base, id: stamp(2), stamp: stamp(2), entity: 'visit', entityId: 'v1',
        fields: { householdId: 'h1', changes: [{ field: 'headName', from: null, to: 'Lò Thị Mây' }, { personId: 'p1', field: 'added', from: null, to: 'Lò Thị Mây' }, { personId: 'p1', field: 'birthYear', from: 1989, to: 1990 }], personIds: ['p1'] },
      },
    ];
    const body = encodePush(mutations, { columns: false });
    expect(body.device).toBe(DEVICE);
    expect(body.mutations).toEqual([
      { h: 'h1', s: Date.UTC(2026, 10, 20), f: { communeCode: 'X1', hamletCode: 'T1', headName: 'Lò Thị Mây' } },
      { p: 'p1', f: { householdId: 'h1', name: 'Lò Thị Mây', birthYear: 1990 } },
      { v: 'v1', c: [[null, 'headName'], ['p1', 'added', ['birthYear', 1989, 1990]]], a: true, f: { householdId: 'h1' } },
    ]);
    expect(asJson(roundTrip(mutations))).toEqual(asJson(mutations));
  });

  it('writes the keys of fields once per body when columns are on', () => {
    const stamp = (counter: number) => formatStamp({ ms: 1, counter, device: DEVICE });
    const person = (counter: number): Mutation => ({
      id: stamp(counter), stamp: stamp(counter), entity: 'person', entityId: `p${counter}`, op: 'upsert', communeCode: 'X1', hamletCode: 'T1', householdId: 'h1',
      fields: { householdId: 'h1', name: `Người ${counter}`, birthYear: 1990 + counter }, madeAt: new Date(1).toISOString(),
    });
    const body = encodePush([person(0), person(1)]);
    expect(body.shapes).toEqual([['householdId', 'name', 'birthYear']]);
    expect(body.mutations.map((m) => m.f)).toEqual([[0, 'h1', 'Người 0', 1990], [0, 'h1', 'Người 1', 1991]]);
  });
});

describe('push version 2 and 3 bodies that cannot be read', () => {
  const stamp = formatStamp({ ms: 5, counter: 0, device: DEVICE });
  const first = { h: 'h1', s: 5, commune: 'X1', hamlet: 'T1' };
  const body = (...mutations: unknown[]) => ({ v: 2, device: DEVICE, shapes: [['a', 'b', 'c']], mutations });
  it.each([
    ['a body that is not an object', [], 'the body must be an object'],
    ['another version', { v: 4, device: DEVICE, shapes: [], mutations: [] }, 'v is 4, but this server reads version 1 (no v), 2 and 3'],
    ['a device that is not text', { v: 2, device: 1, shapes: [], mutations: [] }, 'device must be text'],
    ['shapes with a key twice', { v: 2, device: DEVICE, shapes: [['a', 'a']], mutations: [] }, 'shapes must be lists of distinct field names'],
    ['mutations that are not a list', { v: 2, device: DEVICE, shapes: [] }, 'mutations must be a list'],
    ['no record named', body({ s: 5, commune: 'X1', hamlet: 'T1', household: 'h1' }), 'mutations.0: must name exactly one record as h, p or v'],
    ['two records named', body({ ...first, p: 'p1' }), 'mutations.0: must name exactly one record as h, p or v'],
    ['a first mutation without a stamp', body({ h: 'h1', commune: 'X1', hamlet: 'T1' }), 'mutations.0: s is needed: no stamp before it to follow'],
    ['a stamp that is not whole', body({ ...first, s: 1.5 }), 'mutations.0: s must be a whole number'],
    ['a stamp below zero', body({ ...first, s: -5 }), 'mutations.0: s gives a time or counter below zero'],
    ['no scope to follow', body({ p: 'p1', s: 5 }), 'mutations.0: its commune, hamlet and household must be given: nothing before it says them'],
    ['an unknown shape', body({ ...first, f: [4, 1] }), 'mutations.0: f names shape 4, which the body does not have'],
    ['too few values for a shape', body({ ...first, f: [0, 1, 2] }), 'mutations.0: f has 2 values for the 3 keys of its shape'],
    ['a pointer to nothing', body(first, { v: 'v1', c: [['p1', 'name']] }), 'mutations.1: the change of name points at a value no earlier mutation in this push carries'],
    ['a change of the wrong length', body(first, { v: 'v1', c: [[null, ['name', null]]] }), 'mutations.1: a change of c is [field, from, to]'],
    ['changes given twice', body(first, { v: 'v1', c: [], f: { changes: [] } }), 'mutations.1: gives changes both in f and in c'],
    ['people of the runs without runs', body(first, { v: 'v1', a: true }), 'mutations.1: a is true, with c, and personIds is then not in f'],
    ['a madeAt that cannot be told', body({ ...first, s: 'not a stamp' }), 'mutations.0: m is needed: its time cannot be told from the stamp'],
    ['a creation log in version 2', body(first, { v: 'v1', c: 0 }), 'mutations.1: c must be a list of runs'],
    ['a shape leaving a value out in version 2', { v: 2, device: DEVICE, shapes: [['a', ['b', 'madeAt']]], mutations: [] }, 'shapes must be lists of distinct field names'],
    ['a shape leaving a value out to nowhere', { v: 3, device: DEVICE, shapes: [['a', ['b', 'elsewhere']]], mutations: [] }, 'shapes must be lists of distinct field names'],
    ['a shape naming a key twice, once left out', { v: 3, device: DEVICE, shapes: [['a', ['a', 'madeAt']]], mutations: [] }, 'shapes must be lists of distinct field names'],
    ['values for the keys a shape leaves out', { v: 3, device: DEVICE, shapes: [['a', ['b', 'madeAt'], 'c']], mutations: [{ ...first, f: [0, 1, 2, 3] }] }, 'mutations.0: f has 3 values for the 2 keys of its shape'],
    ['people of a creation log without it', { v: 3, device: DEVICE, shapes: [], mutations: [first, { v: 'v1', a: true, f: { personIds: [] } }] }, 'mutations.1: a is true, with c, and personIds is then not in f'],
  ])('refuses %s, in plain words', (_name, wire, error) => {
    expect(decodePush(wire, LIMIT)).toEqual({ ok: false, tooLarge: false, error });
  });

  it('refuses pointers that would copy more than the limit, as too large', () => {
    const big = 'x'.repeat(1000);
    const wire = { v: 2, device: DEVICE, shapes: [], mutations: [{ p: 'p1', s: 5, commune: 'X1', hamlet: 'T1', household: 'h1', f: { name: big } }, { v: 'v1', c: [['p1', ...Array.from({ length: 50 }, () => 'name')]] }] };
    expect(decodePush(wire, 100_000).ok).toBe(true);
    expect(decodePush(wire, 40_000)).toMatchObject({ ok: false, tooLarge: true });
  });

  it('refuses creation logs that would copy more than the limit, as too large', () => {
    const big = 'x'.repeat(1000);
    const visits = Array.from({ length: 50 }, () => ({ v: 'v1', c: 0 }));
    const wire = { v: 3, device: DEVICE, shapes: [], mutations: [{ h: 'h1', s: 5, commune: 'X1', hamlet: 'T1', f: { headName: big } }, ...visits] };
    expect(decodePush(wire, 100_000).ok).toBe(true);
    expect(decodePush(wire, 40_000)).toMatchObject({ ok: false, tooLarge: true });
  });

  it('refuses values left out of a shape that would copy more than the limit, as too large', () => {
    const shape = Array.from({ length: 100 }, (_, k): [string, string] => [`k${k}`, 'madeAt']);
    const wire = { v: 3, device: DEVICE, shapes: [shape], mutations: Array.from({ length: 20 }, (_, i) => ({ h: `h${i}`, s: 5 + i, commune: 'X1', hamlet: 'T1', f: [0] })) };
    expect(decodePush(wire, 100_000).ok).toBe(true);
    expect(decodePush(wire, 40_000)).toMatchObject({ ok: false, tooLarge: true });
  });

  it('reads a stamp written whole', () => {
    const wire = { v: 2, device: DEVICE, shapes: [], mutations: [{ h: 'h1', s: stamp, commune: 'X1', hamlet: 'T1' }] };
    expect(decodePush(wire, LIMIT)).toMatchObject({ ok: true, mutations: [{ id: stamp, stamp, madeAt: new Date(5).toISOString() }] });
  });
});

describe('push version 2 answer', () => {
  const results = [
    { id: 'a', status: 'applied' },
    { id: 'b', status: 'duplicate' },
    { id: 'c', status: 'rejected', reason: 'Trường không hợp lệ: x' },
  ] as const;
  it('counts what was applied and names only what was refused', () => {
    expect(answerV2(results, 'T')).toEqual({ v: 2, applied: 1, duplicate: 1, rejected: [{ id: 'c', reason: 'Trường không hợp lệ: x' }], serverTime: 'T' });
  });
  it('gives each sent mutation its result when the answer accounts for all of them', () => {
    expect(resultsOfAnswer(['a', 'b', 'c'], answerV2(results, 'T'))).toEqual([
      { id: 'a', status: 'applied' },
      { id: 'b', status: 'applied' },
      { id: 'c', status: 'rejected', reason: 'Trường không hợp lệ: x' },
    ]);
  });
  it.each([
    ['counts one short', ['a', 'b', 'c', 'd']],
    ['counts one over', ['a', 'c']],
    ['refuses a mutation not sent', ['a', 'b', 'd']],
  ])('is no answer when it %s', (_name, sent) => {
    expect(resultsOfAnswer(sent, answerV2(results, 'T'))).toBeUndefined();
  });
  it('is no answer when it names a refused mutation twice', () => {
    expect(resultsOfAnswer(['a', 'c'], { applied: 0, duplicate: 0, rejected: [{ id: 'c', reason: '' }, { id: 'c', reason: '' }] })).toBeUndefined();
  });
});
