// The lead's figures kept in step with the records: `tallies` (per hamlet and birth year, see
// coverage-tally.ts), each household's share of them with its follow-up keys in `householdFacts`,
// and in `tallyBasis` the records they were kept with. Every write of households or people updates
// them in its own transaction; a write that could not (a caller's transaction without these
// tables, rows put by hand) leaves the basis behind, and the next lead screen rebuilds them.
import { Dexie, type Table, type Transaction } from 'dexie';
import { addShare, householdShare, type Tally } from '../domain/coverage-tally';
import { followUpKeys } from '../domain/follow-up-keys';
import type { Person } from '../domain/person';
import type { HouseholdFacts, NgoSoDb, StoredHousehold, StoredTally, SyncState, TallyBasis } from './database';
import { SYNC_STATE_KEY } from './sync-state';

export const TALLY_BASIS_KEY = 'basis';

/** The last stamp issued and the pull pages applied: one of them moves at every write of records. */
export function basisOf(state: SyncState | undefined): string {
  return `${state?.lastStamp ?? ''}|${state?.pagesApplied ?? 0}`;
}

const TABLES = ['tallies', 'householdFacts', 'tallyBasis'] as const;

/** The tables a write adds to its transaction: none inside a caller's transaction that lacks them. */
export function tallyTables(db: NgoSoDb): Table[] {
  const outer = Dexie.currentTransaction;
  if (outer !== null && !TABLES.every((t) => outer.storeNames.includes(t))) return [];
  return [db.tallies, db.householdFacts, db.tallyBasis];
}

/** Whether the tallies are in step with the records. Call first in a write's transaction, before any stamp is issued. */
export async function talliesInStep(db: NgoSoDb): Promise<boolean> {
  const tx = Dexie.currentTransaction;
  if (tx === null || !TABLES.every((t) => tx.storeNames.includes(t))) return false;
  const [row, state] = await Promise.all([db.tallyBasis.get(TALLY_BASIS_KEY), db.syncState.get(SYNC_STATE_KEY)]);
  return row?.basis === basisOf(state);
}

function peopleByHousehold<P extends Person>(people: readonly P[]): Map<string, P[]> {
  const map = new Map<string, P[]>();
  for (const p of people) {
    const list = map.get(p.householdId);
    if (list) list.push(p);
    else map.set(p.householdId, [p]);
  }
  return map;
}

function factsOf(household: StoredHousehold, people: readonly Person[]): HouseholdFacts {
  return { householdId: household.id, share: householdShare(household, people), followUpKeys: followUpKeys(household, people) };
}

/** Adds `delta` to the stored tallies; a tally left with nobody is deleted. */
async function addToTallies(table: Table<StoredTally, string>, delta: Map<string, Tally>): Promise<void> {
  const keys = [...delta.keys()];
  const stored = await table.bulkGet(keys);
  const merged = new Map<string, Tally>();
  for (const row of stored) if (row !== undefined) merged.set(row.key, row);
  addShare(merged, [...delta.values()], 1);
  const puts: StoredTally[] = [];
  const gone: string[] = [];
  for (const [key, t] of merged) {
    if (t.count === 0) gone.push(key);
    else puts.push({ ...t, key });
  }
  await table.bulkPut(puts);
  await table.bulkDelete(gone);
}

/**
 * Brings the shares of these households and the tallies up to date with their rows and people as
 * stored now, and moves the basis along. Call last in a write's transaction, with what
 * talliesInStep said at its start: tallies already behind are left for the rebuild.
 */
export async function keepTalliesInStep(db: NgoSoDb, inStep: boolean, householdIds: Iterable<string>): Promise<void> {
  if (!inStep) return;
  const ids = [...new Set(householdIds)];
  if (ids.length > 0) {
    const [households, facts, people] = await Promise.all([
      db.households.bulkGet(ids),
      db.householdFacts.bulkGet(ids),
      db.people.where('householdId').anyOf(ids).toArray(),
    ]);
    const peopleOf = peopleByHousehold(people);
    const delta = new Map<string, Tally>();
    const puts: HouseholdFacts[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const before = facts[i];
      const household = households[i];
      if (before !== undefined) addShare(delta, before.share, -1);
      if (household === undefined) {
        if (before !== undefined) gone.push(id);
        return;
      }
      const now = factsOf(household, peopleOf.get(id) ?? []);
      addShare(delta, now.share, 1);
      puts.push(now);
    });
    await db.householdFacts.bulkPut(puts);
    await db.householdFacts.bulkDelete(gone);
    await addToTallies(db.tallies, delta);
  }
  await db.tallyBasis.put({ key: TALLY_BASIS_KEY, basis: basisOf(await db.syncState.get(SYNC_STATE_KEY)) });
}

/** Computes every household's share and the tallies afresh from the records. Runs in `tx` (read-write over all of them). */
export async function rebuildTallies(tx: Transaction): Promise<void> {
  const households = await tx.table<StoredHousehold, string>('households').toArray();
  const peopleOf = peopleByHousehold(await tx.table<Person, string>('people').toArray());
  const facts = households.map((h) => factsOf(h, peopleOf.get(h.id) ?? []));
  const tallies = new Map<string, Tally>();
  for (const f of facts) addShare(tallies, f.share, 1);
  const factsTable = tx.table<HouseholdFacts, string>('householdFacts');
  const talliesTable = tx.table<StoredTally, string>('tallies');
  await factsTable.clear();
  await talliesTable.clear();
  await factsTable.bulkPut(facts);
  await talliesTable.bulkPut([...tallies].filter(([, t]) => t.count > 0).map(([key, t]) => ({ ...t, key })));
  const state = await tx.table<SyncState, string>('syncState').get(SYNC_STATE_KEY);
  await tx.table<TallyBasis, string>('tallyBasis').put({ key: TALLY_BASIS_KEY, basis: basisOf(state) });
}

/**
 * The commune's tallies, rebuilt first if a write left them behind (the basis moved without them,
 * or households were put without their share). Not inside liveQuery: a rebuild writes.
 */
export async function ensureTallies(db: NgoSoDb): Promise<void> {
  const behind = await db.transaction('r', [db.tallies, db.tallyBasis, db.syncState, db.households], async () => {
    const [row, state, tallies, households] = await Promise.all([
      db.tallyBasis.get(TALLY_BASIS_KEY),
      db.syncState.get(SYNC_STATE_KEY),
      db.tallies.toArray(),
      db.households.count(),
    ]);
    const tallied = tallies.reduce((sum, t) => sum + (t.birthYear === null ? t.count : 0), 0);
    return row?.basis !== basisOf(state) || tallied !== households;
  });
  if (!behind) return;
  await db.transaction('rw', [db.households, db.people, db.syncState, db.tallies, db.householdFacts, db.tallyBasis], (tx) => rebuildTallies(tx));
}

/** A commune's tallies as stored (safe inside liveQuery). */
export function readTallies(db: NgoSoDb, communeCode: string): Promise<StoredTally[]> {
  return db.tallies.where('communeCode').equals(communeCode).toArray();
}
