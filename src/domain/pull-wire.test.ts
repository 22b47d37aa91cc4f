// Versions 2 and 3 of the pull answer give back exactly what version 1 carries: generated pages (seeded,
// so a failure names its seed) of households, people, creation and later visits, records edited
// after their visit, erased records of every entity, a record served twice, all in shuffled order.
import { describe, expect, it } from 'vitest';
import { fixtureCommune } from '../../tests/fixtures/commune';
import { pick, seededRandom } from '../../tests/support/random';
import { decodePull, encodePull, PULL_WIRE_VERSIONS, PullWire, type PullWireVersion } from './pull-wire';
import type { SyncedRecord } from './sync-protocol';
import type { Visit } from './visit';
import { assistedPeople, diffHousehold } from './visit-changes';

const AUTHORS = ['Chị Lan', 'Anh Tuấn', 'Thành viên (DEMO)'];
const SEEDS = Array.from({ length: 20 }, (_, i) => 600 + i);

function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A page as the server could serve it: mostly in recording order, some of it shuffled. */
function generatedPage(seed: number): SyncedRecord[] {
  const random = seededRandom(seed);
  const { households, people } = fixtureCommune(seed, 30);
  const records: SyncedRecord[] = [];
  const by = () => pick(random, AUTHORS);
  for (const [n, household] of households.entries()) {
    const members = people.filter((p) => p.householdId === household.id);
    const changes = diffHousehold(undefined, { household, people: members });
    // Saved at once: the records' time is the visit's, as the app writes them (mostly).
    const at = new Date(Date.UTC(2026, 10, 20, 1) + n * 30_000).toISOString();
    const stamped = <T extends { updatedAt: string }>(r: T): T => (random() < 0.9 ? { ...r, updatedAt: at } : r);
    const visit: Visit = { id: `v-${household.id}`, householdId: household.id, visitedAt: random() < 0.9 ? at : '2026-11-20T01:00:00.000Z', visitor: by(), changes, personIds: assistedPeople(changes), notes: n % 3 === 0 ? 'Hẹn quay lại' : '' };
    // Edited after the visit: the visit's values no longer match the record served.
    const served = members.map((p) => stamped(random() < 0.2 ? { ...p, name: `${p.name} B`, skills: [] } : p));
    const home = stamped(random() < 0.2 ? { ...household, fiber: !household.fiber, location: { lat: 21, lng: 105.8, accuracyM: 12, takenAt: '2026-11-20T01:00:00.000Z' } } : household);
    if (random() < 0.9) records.push({ entity: 'household', id: home.id, deleted: false, record: home, updatedBy: by() });
    for (const p of served) records.push({ entity: 'person', id: p.id, deleted: false, record: p, updatedBy: by() });
    records.push({ entity: 'visit', id: visit.id, deleted: false, record: visit, updatedBy: by() });
    if (random() < 0.3) {
      // A later visit: changes from a value, a person assisted who is named in no change.
      const p = pick(random, members);
      const later: Visit = {
        ...visit,
        id: `v2-${household.id}`,
        changes: [{ field: 'fiber', from: false, to: true }, { personId: p.id, field: 'vneid', from: 'none', to: 'l2_active' }, { personId: p.id, field: 'skills', from: null, to: p.skills }],
        personIds: random() < 0.5 ? [p.id] : [],
      };
      records.push({ entity: 'visit', id: later.id, deleted: false, record: later, updatedBy: by() });
    }
    if (random() < 0.1 && members[0] !== undefined) records.push({ entity: 'person', id: members[0].id, deleted: true });
    if (random() < 0.05) records.push({ entity: pick(random, ['household', 'visit'] as const), id: `gone-${n}`, deleted: true });
    // Served twice in one page: changed again after.
    if (random() < 0.1 && members[0] !== undefined) records.push({ entity: 'person', id: members[0].id, deleted: false, record: { ...members[0], name: 'Đổi tên' }, updatedBy: by() });
  }
  const cut = Math.floor(records.length / 2);
  return [...records.slice(0, cut), ...shuffled(random, records.slice(cut))];
}

/** Through JSON, as it travels. */
const travel = (records: readonly SyncedRecord[], version?: PullWireVersion) => PullWire.parse(JSON.parse(JSON.stringify(encodePull(records, version))));

describe.each(PULL_WIRE_VERSIONS)('pull answer version %i', (version) => {
  it.each(SEEDS)('gives back exactly the records of version 1 (seed %i)', (seed) => {
    const records = generatedPage(seed);
    const decoded = decodePull(travel(records, version));
    expect(decoded).toEqual(records);
    // Key order too: the phone sees the same JSON.
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(records));
  });

  it('gives back an empty page and a page of erased records only', () => {
    expect(decodePull(travel([], version))).toEqual([]);
    const erased: SyncedRecord[] = [
      { entity: 'person', id: 'p1', deleted: true },
      { entity: 'household', id: 'h1', deleted: true },
      { entity: 'visit', id: 'v1', deleted: true },
    ];
    expect(decodePull(travel(erased, version))).toEqual(erased);
  });

  it('gives back, as they are, visits the server should never hold: changes missing or not a list, changes without from, personIds not a list', () => {
    const odd = (id: string, record: Record<string, unknown>): SyncedRecord => ({ entity: 'visit', id, deleted: false, record: { id, householdId: 'h1', ...record } as unknown as Visit, updatedBy: 'x' });
    const records = [
      odd('v1', { notes: '' }),
      odd('v2', { changes: 'đã sửa', personIds: 0 }),
      odd('v3', { changes: [{ field: 'fiber', to: true }, { personId: 7, field: 'x', from: 1, to: 2 }], personIds: ['p1'] }),
      odd('v4', { changes: [{ personId: 'p1', field: 'vneid', from: null, to: 'l1_active', note: 'thêm' }], personIds: { asItIs: 1 } }),
      odd('v5', { changes: [], personIds: [] }),
    ];
    expect(decodePull(travel(records, version))).toEqual(records);
  });

  it('writes a creation visit without repeating the values of its records', () => {
    const page = generatedPage(SEEDS[0] ?? 0);
    const wire = encodePull(page, 2);
    const repeated = wire.visits.flatMap((row) => row.filter(Array.isArray)).flat(2).filter((v) => typeof v === 'number');
    expect(repeated.length).toBeGreaterThan(100);
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(page).length / 2);
  });

  it.each([
    ['more letters than rows', (w: PullWire) => ({ ...w, kinds: `${w.kinds}h` })],
    ['fewer letters than rows', (w: PullWire) => ({ ...w, kinds: w.kinds.slice(1) })],
    ['an author that is not listed', (w: PullWire) => ({ ...w, authors: [] })],
    ['a change field that is not listed', (w: PullWire) => ({ ...w, changeFields: [] })],
    ['a row without its values', (w: PullWire) => ({ ...w, people: w.people.map((r) => r.slice(0, 3)) })],
    ['a repeated value whose record is not in the page', (w: PullWire) => ({ ...w, kinds: w.kinds.replaceAll('p', ''), people: [] })],
  ])('does not decode an answer with %s', (_name, spoil) => {
    expect(decodePull(spoil(travel(generatedPage(SEEDS[1] ?? 0), version)))).toBeUndefined();
  });
});

describe('pull answer version 3', () => {
  it('writes in version 3 a creation visit whose log is exactly its records’ as 0, and the page’s time once', () => {
    const page = generatedPage(SEEDS[0] ?? 0);
    const wire = encodePull(page, 3);
    const changesAt = (wire.keys[wire.visits[0]?.[2] as number] ?? []).indexOf('changes');
    expect(wire.visits.filter((row) => row[3 + changesAt] === 0).length).toBeGreaterThan(wire.visits.length / 3);
    expect(wire.keys.flat().filter(Array.isArray)).toEqual(expect.arrayContaining([['updatedAt'], ['visitedAt']]));
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(encodePull(page, 2)).length);
  });

  it.each([
    ['the page’s time left out, said to be version 2', (w: PullWire) => ({ ...w, v: 2 as const })],
    ['the page’s time left out before any row has one', (w: PullWire) => ({ ...w, keys: w.keys.map((k) => k.map((name) => (name === 'communeCode' ? ['communeCode'] as [string] : name))) })],
  ])('does not decode an answer with %s', (_name, spoil) => {
    expect(decodePull(spoil(travel(generatedPage(SEEDS[1] ?? 0), 3)))).toBeUndefined();
  });

  it('does not decode creation logs in an answer said to be version 2', () => {
    const timeless = generatedPage(SEEDS[1] ?? 0).map((r) => (r.deleted ? r : { ...r, record: { ...r.record, updatedAt: undefined, visitedAt: undefined } })) as SyncedRecord[];
    const wire = travel(timeless, 3);
    expect(wire.keys.flat().some(Array.isArray)).toBe(false);
    expect(decodePull(wire)).toBeDefined();
    expect(decodePull({ ...wire, v: 2 })).toBeUndefined();
  });
});
