import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureCommune, FIXTURE_COMMUNE, FIXTURE_HAMLETS } from '../../tests/fixtures/commune';
import { olderApp, V3_PHONE } from '../../tests/fixtures/older-phones';
import { computeCoverage } from '../domain/coverage';
import { coverageFromTallies, talliedTotals } from '../domain/coverage-tally';
import { followUpList } from '../domain/follow-up';
import { followUpRange } from '../domain/follow-up-keys';
import type { Household } from '../domain/household';
import { INDICATORS } from '../domain/indicators';
import type { Person } from '../domain/person';
import { openDatabase, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, type NgoSoDb } from './database';
import { saveHousehold, withdrawConsent } from './households';
import { importHouseholds } from './import-households';
import { loadCommuneRecords, loadFollowUpPage } from './lead-records';
import { applyPulledPage, type IncomingRecord } from './pulled-records';
import { ensureTallies, keepTalliesInStep, readTallies, tallyTables } from './tallies';
import { basisOf, TALLY_BASIS_KEY } from './tally-basis';
import { readSyncState } from './sync-state';

const NOW = '2026-11-20T03:00:00.000Z';
const YEARS = [2001, 2026, 2045];

let db: NgoSoDb;
beforeEach(() => {
  db = openDatabase(`ngo-so-tallies-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const commune = fixtureCommune(4242, 60);
const peopleOf = (id: string, people: readonly Person[] = commune.people) => people.filter((p) => p.householdId === id);

async function saveAll(households: readonly Household[], people: readonly Person[]): Promise<void> {
  for (const [i, h] of households.entries()) {
    await saveHousehold(db, { household: h, people: peopleOf(h.id, people), visitId: `v-${h.id}-${i}`, visitor: 'Tổ', notes: '', now: NOW });
  }
}

/**
 * The tallies, as the lead's screens read them (after ensureTallies counts the saved households
 * again, without a rebuild unless `rebuilt`), against the domain's computation over every record.
 */
async function expectTalliesMatchRecords(communeCode = FIXTURE_COMMUNE, expected: 'in step' | 'counted' | 'rebuilt' = 'counted'): Promise<void> {
  expect(await ensureTallies(db)).toBe(expected);
  expect(await db.tallyDirty.count()).toBe(0);
  const { records } = await loadCommuneRecords(db, communeCode);
  const households = records.map((r) => r.household);
  const people = records.flatMap((r) => r.people);
  const tallies = await readTallies(db, communeCode);
  for (const year of YEARS) {
    expect(coverageFromTallies({ tallies, year })).toEqual(computeCoverage({ households, people, year }));
  }
  expect(talliedTotals(tallies)).toEqual({ households: households.length, people: people.length, hamletCodes: [...new Set(households.map((h) => h.hamletCode))].sort() });
  // The follow-up keys find exactly the households the domain lists, hamlet by hamlet.
  for (const year of YEARS) {
    for (const indicator of INDICATORS) {
      for (const hamlet of new Set(households.map((h) => h.hamletCode))) {
        const [from, to] = followUpRange(communeCode, hamlet, indicator, year);
        const found = new Set((await db.followUps.where('keys').between(from, to, true, true).toArray()).map((e) => e.householdId));
        const listed = followUpList(records.filter((r) => r.household.hamletCode === hamlet), indicator, year).map((i) => i.household.id);
        expect([...found].sort()).toEqual([...listed].sort());
      }
    }
  }
  // The follow-up list's first pages, read from the order keys, are the domain's list, in its order.
  const hamlets = [...new Set(households.map((h) => h.hamletCode))].sort();
  for (const year of YEARS) {
    for (const indicator of INDICATORS) {
      for (const chosen of [hamlets, ...hamlets.map((h) => [h])]) {
        const items = followUpList(records.filter((r) => chosen.includes(r.household.hamletCode)), indicator, year);
        const listed = items.map((i) => i.household.id);
        const located = items.some((i) => i.household.location !== undefined);
        // Pages of one, of a few (ties of a house number cut), and of all the commune's households.
        for (const count of chosen.length > 1 ? [1, 7, 40] : [7]) {
          const page = await loadFollowUpPage(db, { communeCode, hamletCodes: chosen, indicator, year, count });
          expect([page.total, page.located, page.places.map((p) => p.id)]).toEqual([listed.length, located, listed.slice(0, count)]);
        }
      }
    }
  }
  // Kept in step: the basis moved with the writes, so nothing needs rebuilding.
  expect((await db.tallyBasis.get(TALLY_BASIS_KEY))?.basis).toBe(basisOf(await readSyncState(db)));
}

describe('the lead tallies', () => {
  // Many pages of the follow-up list read on fake-indexeddb: longer than the default 5 s on a busy machine.
  it('equal the coverage computed from every record after saves, edits, a move to another hamlet and withdrawals', { timeout: 30_000 }, async () => {
    await saveAll(commune.households, commune.people);
    await expectTalliesMatchRecords();

    const [h0, h1, h2] = commune.households;
    if (!h0 || !h1 || !h2) throw new Error('fixture too small');
    // Edits: a person gets a smartphone and a signature, another moves away, one is born earlier.
    const edited = peopleOf(h0.id).map((p, i) => (i === 0 ? { ...p, phone: 'smartphone' as const, digitalSignature: true } : i === 1 ? { ...p, residence: 'away' as const } : { ...p, birthYear: p.birthYear - 30 }));
    // House numbers the list's address ranks treat apart: none, a word first, a sign first, a number too long.
    await saveHousehold(db, { household: { ...h0, fiber: !h0.fiber, houseNumber: '' }, people: edited, visitId: 'v-edit', visitor: 'Tổ', notes: '', now: NOW });
    for (const [i, houseNumber] of ['Kiot 3', '#7', '12345678901234567', '012', '12'].entries()) {
      const h = commune.households[3 + i];
      if (!h) throw new Error('fixture too small');
      await saveHousehold(db, { household: { ...h, houseNumber, location: { lat: 21 + i / 100, lng: 105, accuracyM: 10, takenAt: NOW } }, people: peopleOf(h.id), visitId: `v-number-${i}`, visitor: 'Tổ', notes: '', now: NOW });
    }
    // The household moves to another hamlet, people and all; a new person joins it.
    const other = FIXTURE_HAMLETS.find((c) => c !== h1.hamletCode) ?? 'FX-T1';
    const newcomer = { ...(peopleOf(h1.id)[0] ?? edited[0]), id: 'newcomer', householdId: h1.id, name: 'Người mới', birthYear: 2012 } as Person;
    await saveHousehold(db, { household: { ...h1, hamletCode: other }, people: [...peopleOf(h1.id), newcomer], visitId: 'v-move', visitor: 'Tổ', notes: '', now: NOW });
    await expectTalliesMatchRecords();

    for (const p of [...peopleOf(h2.id), newcomer]) await withdrawConsent(db, { personId: p.id, visitId: `v-w-${p.id}`, visitor: 'Tổ', now: NOW });
    await expectTalliesMatchRecords();
  });

  it('follow pulled pages: new records, a person before their household, updates and erasures', { timeout: 30_000 }, async () => {
    const [a, b, c, ...rest] = commune.households;
    if (!a || !b || !c) throw new Error('fixture too small');
    await saveAll(rest.slice(0, 20), commune.people);
    const upsert = (entity: 'household' | 'person', record: Household | Person): IncomingRecord => ({ entity, id: record.id, deleted: false, record, updatedBy: 'Chị Hoa' });
    // A person arrives a page before their household.
    await applyPulledPage(db, peopleOf(a.id).map((p) => upsert('person', p)), 'c1', '');
    await applyPulledPage(db, [upsert('household', a), upsert('household', b), ...peopleOf(b.id).map((p) => upsert('person', p))], 'c2', 'c1');
    // The saves before are counted now; the pulls counted their own households.
    await expectTalliesMatchRecords(FIXTURE_COMMUNE, 'counted');
    const mine = rest[0];
    if (!mine) throw new Error('fixture too small');
    const [first, second] = peopleOf(mine.id);
    await applyPulledPage(
      db,
      [
        upsert('household', { ...a, hamletCode: c.hamletCode, digitalAddress: !a.digitalAddress }),
        ...(first ? [upsert('person', { ...first, vneid: 'l2_active', eHealthRecord: true })] : []),
        ...(second ? [{ entity: 'person' as const, id: second.id, deleted: true }] : []),
        { entity: 'household', id: b.id, deleted: true },
      ],
      'c3',
      'c2',
    );
    await expectTalliesMatchRecords(FIXTURE_COMMUNE, 'in step');
  });

  it('count a household from the rows its write already read, without reading them again', async () => {
    const [h] = commune.households;
    if (!h) throw new Error('fixture too small');
    await saveAll([h], commune.people);
    await expectTalliesMatchRecords();
    const stored = await db.households.get(h.id);
    // The write says the household holds nobody now: the tallies take that, not the people stored.
    await db.transaction('rw', [db.households, db.people, db.syncState, ...tallyTables(db)], () =>
      keepTalliesInStep(db, true, [h.id], { households: new Map([[h.id, stored]]), people: new Map([[h.id, []]]) }),
    );
    expect(peopleOf(h.id).length).toBeGreaterThan(0);
    expect(talliedTotals(await readTallies(db, FIXTURE_COMMUNE))).toMatchObject({ households: 1, people: 0 });
  });

  it('count an imported list, households with nobody recorded yet', async () => {
    await saveAll(commune.households.slice(0, 5), commune.people);
    const outcome = await importHouseholds(db, {
      communeCode: FIXTURE_COMMUNE,
      visitor: 'Tổ',
      now: NOW,
      households: [{ rows: [2], hamletCode: 'FX-T2', hamletName: 'Thôn Hai', houseNumber: '5', street: '', headName: 'Lò Văn Nhập', phone: '', expectedMembers: [] }],
    });
    expect(outcome.ok).toBe(true);
    await expectTalliesMatchRecords(FIXTURE_COMMUNE, 'counted');
    expect(await db.followUps.where('keys').equals(`${FIXTURE_COMMUNE}|FX-T2|fiber|`).count()).toBeGreaterThan(0);
  });

  it('are rebuilt when a write left them behind: a caller transaction without them, or rows put by hand', { timeout: 30_000 }, async () => {
    await saveAll(commune.households.slice(0, 10), commune.people);
    const [h] = commune.households.slice(10);
    if (!h) throw new Error('fixture too small');
    // As sync-chaos does: saveHousehold inside a transaction of its own tables only.
    await db.transaction('rw', [db.households, db.people, db.visits, db.outbox, db.syncState], () =>
      saveHousehold(db, { household: h, people: peopleOf(h.id), visitId: 'v-outer', visitor: 'Tổ', notes: '', now: NOW }),
    );
    await expectTalliesMatchRecords(FIXTURE_COMMUNE, 'rebuilt');
    // As the lead e2e test loads its fixture: rows straight into IndexedDB.
    for (const x of commune.households.slice(11, 20)) {
      await db.households.put({ ...x, searchWords: [] });
      await db.people.bulkPut(peopleOf(x.id));
    }
    await expectTalliesMatchRecords(FIXTURE_COMMUNE, 'rebuilt');
    // An update that changes the indicator rules: everything is counted again by the new ones.
    await db.tallyBasis.update(TALLY_BASIS_KEY, { rules: 'the rules of an older version' });
    await expectTalliesMatchRecords(FIXTURE_COMMUNE, 'rebuilt');
  });

  it('file the households of a phone of version 4 in the follow-up order, when a lead screen first opens', async () => {
    const name = `ngo-so-v4-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4].forEach((schema, i) => old.version(i + 1).stores(schema));
    const households = commune.households.slice(0, 12);
    await old.table('households').bulkPut(households.map((h) => ({ ...h, searchWords: [] })));
    await old.table('people').bulkPut(households.flatMap((h) => peopleOf(h.id)));
    // Version 4's tallies in step with these records, filed without the order.
    await old.table('tallyBasis').put({ key: TALLY_BASIS_KEY, basis: basisOf(undefined), rules: JSON.stringify(INDICATORS.map((i) => [i.id, i.population, i.rule])) });
    old.close();
    await db.delete();
    db = openDatabase(name);
    await db.open();
    expect([db.verno, await db.followUpOrder.count()]).toEqual([6, 0]);
    await expectTalliesMatchRecords(FIXTURE_COMMUNE, 'rebuilt');
  });

  it('file the households of a phone of version 5 address rank first, from its order keys, without counting again', { timeout: 30_000 }, async () => {
    await saveAll(commune.households.slice(0, 30), commune.people);
    expect(await ensureTallies(db)).toBe('counted');
    const filed = await db.followUpRank.orderBy('key').toArray();
    const name = `ngo-so-v5-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5].forEach((schema, i) => old.version(i + 1).stores(schema));
    await old.open();
    for (const table of old.tables) await table.bulkPut(await db.table(table.name).toArray());
    old.close();
    await db.delete();
    db = openDatabase(name);
    expect(await db.followUpRank.orderBy('key').toArray()).toEqual(filed);
    expect(filed.length).toBeGreaterThan(30);
    await expectTalliesMatchRecords(FIXTURE_COMMUNE, 'in step');
  });

  it('are built from the records already on a phone of version 3, when a lead screen first opens', async () => {
    const name = `ngo-so-v3-${crypto.randomUUID()}`;
    const old = olderApp(name, 3);
    await old.table('households').bulkPut(V3_PHONE.households);
    await old.table('people').bulkPut(V3_PHONE.people);
    await old.table('syncState').put(V3_PHONE.syncState);
    old.close();
    await db.delete();
    db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.tallies.count()).toBe(0);
    const communes = [...new Set(V3_PHONE.households.map((h) => String(h.communeCode)))];
    expect(communes.length).toBeGreaterThan(0);
    for (const [i, c] of communes.entries()) await expectTalliesMatchRecords(c, i === 0 ? 'rebuilt' : 'in step');
  });
});
