// The lead's figures kept in step with the records: `tallies` (per hamlet and birth year, see
// coverage-tally.ts), each household's share of them in `householdFacts`, its follow-up keys in `followUps`
// and the same with its address rank in `followUpOrder` and `followUpRank`,
// and in `tallyBasis` the records they were kept with. A pull or an import counts the households
// it wrote in its own transaction; a save only notes them (tally-basis.ts), and the next lead
// screen counts those. A write that did neither (a caller's transaction without these tables, rows
// put by hand) leaves the basis behind, and the next lead screen rebuilds them all.
import { Dexie, type Table, type Transaction } from 'dexie';
import { addShare, householdShare, type Tally } from '../domain/coverage-tally';
import { followUpKeys, followUpOrderKeys } from '../domain/follow-up-keys';
import { followUpRankRow } from '../domain/follow-up-rank';
import type { Person } from '../domain/person';
import type { FollowUpEntry, FollowUpOrder, FollowUpRank, HouseholdFacts, NgoSoDb, StoredHousehold, StoredTally, SyncState, TallyBasis, TallyDirty } from './database';
import { SYNC_STATE_KEY } from './sync-state';
import { basisOf, moveTallyBasis, TALLY_BASIS_KEY, TALLY_RULES } from './tally-basis';


const TABLES = ['tallies', 'householdFacts', 'followUps', 'followUpOrder', 'followUpRank', 'tallyBasis', 'tallyDirty'] as const;

/** The tables a write adds to its transaction: none inside a caller's transaction that lacks them. */
export function tallyTables(db: NgoSoDb): Table[] {
  const outer = Dexie.currentTransaction;
  if (outer !== null && !TABLES.every((t) => outer.storeNames.includes(t))) return [];
  return [db.tallies, db.householdFacts, db.followUps, db.followUpOrder, db.followUpRank, db.tallyBasis, db.tallyDirty];
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

function factsOf(
  household: StoredHousehold,
  people: readonly Person[],
): { facts: HouseholdFacts; followUp: FollowUpEntry; order: FollowUpOrder[]; rank: FollowUpRank[] } {
  const { id, houseNumber, street, headName, location } = household;
  const keys = followUpKeys(household, people);
  const order = followUpOrderKeys(household, keys);
  return {
    facts: { householdId: id, share: householdShare(household, people) },
    followUp: { householdId: id, keys, place: { id, houseNumber, street, headName, ...(location ? { location } : {}) } },
    order: order.map((key) => ({ key, householdId: id })),
    rank: order.map((key) => ({ ...followUpRankRow(key), householdId: id })),
  };
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
 * Households and their people as the caller's transaction stored them last: what a write read
 * already need not be read again. `people` names each household it holds rows for (none: []),
 * `households` its row (undefined: gone).
 */
export type HouseholdsRead = { households: ReadonlyMap<string, StoredHousehold | undefined>; people: ReadonlyMap<string, readonly Person[]> };

/**
 * Brings the shares of these households and the tallies up to date with their rows and people as
 * stored now, and moves the basis along. Call last in a write's transaction, with what
 * talliesInStep said at its start: tallies already behind are left for the rebuild. Households
 * in `read` are taken from it (nothing may have written them since), the others read.
 */
export async function keepTalliesInStep(db: NgoSoDb, inStep: boolean, householdIds: Iterable<string>, read?: HouseholdsRead): Promise<void> {
  if (!inStep) return;
  const ids = [...new Set(householdIds)];
  if (ids.length > 0) {
    const unread = ids.filter((id) => read?.people.has(id) !== true);
    const [stored, facts, people] = await Promise.all([
      db.households.bulkGet(unread),
      db.householdFacts.bulkGet(ids),
      // One index read per household, all at once (as households.ts withPeople): anyOf walks a cursor.
      Promise.all(unread.map((id) => db.people.where('householdId').equals(id).toArray())),
    ]);
    const householdOf = new Map(read?.households);
    const peopleOf = new Map(read?.people);
    unread.forEach((id, i) => {
      householdOf.set(id, stored[i]);
      peopleOf.set(id, people[i] ?? []);
    });
    const delta = new Map<string, Tally>();
    const puts: HouseholdFacts[] = [];
    const followUps: FollowUpEntry[] = [];
    const order: FollowUpOrder[] = [];
    const rank: FollowUpRank[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const before = facts[i];
      const household = householdOf.get(id);
      if (before !== undefined) addShare(delta, before.share, -1);
      if (household === undefined) {
        if (before !== undefined) gone.push(id);
        return;
      }
      const now = factsOf(household, peopleOf.get(id) ?? []);
      addShare(delta, now.facts.share, 1);
      puts.push(now.facts);
      followUps.push(now.followUp);
      order.push(...now.order);
      rank.push(...now.rank);
    });
    await db.householdFacts.bulkPut(puts);
    await db.householdFacts.bulkDelete(gone);
    await db.followUps.bulkPut(followUps);
    await db.followUps.bulkDelete(gone);
    await db.followUpOrder.where('householdId').anyOf(ids).delete();
    await db.followUpOrder.bulkPut(order);
    await db.followUpRank.where('householdId').anyOf(ids).delete();
    await db.followUpRank.bulkPut(rank);
    await addToTallies(db.tallies, delta);
    await db.tallyDirty.bulkDelete(ids);
  }
  await moveTallyBasis(db);
}

/** Computes every household's share and the tallies afresh from the records. Runs in `tx` (read-write over all of them). */
export async function rebuildTallies(tx: Transaction): Promise<void> {
  const households = await tx.table<StoredHousehold, string>('households').toArray();
  const peopleOf = peopleByHousehold(await tx.table<Person, string>('people').toArray());
  const facts = households.map((h) => factsOf(h, peopleOf.get(h.id) ?? []));
  const tallies = new Map<string, Tally>();
  for (const f of facts) addShare(tallies, f.facts.share, 1);
  const factsTable = tx.table<HouseholdFacts, string>('householdFacts');
  const followUpsTable = tx.table<FollowUpEntry, string>('followUps');
  const orderTable = tx.table<FollowUpOrder, string>('followUpOrder');
  const rankTable = tx.table<FollowUpRank, string>('followUpRank');
  const talliesTable = tx.table<StoredTally, string>('tallies');
  await factsTable.clear();
  await followUpsTable.clear();
  await orderTable.clear();
  await rankTable.clear();
  await talliesTable.clear();
  await tx.table<TallyDirty, string>('tallyDirty').clear();
  await factsTable.bulkPut(facts.map((f) => f.facts));
  await followUpsTable.bulkPut(facts.map((f) => f.followUp));
  await orderTable.bulkPut(facts.flatMap((f) => f.order));
  await rankTable.bulkPut(facts.flatMap((f) => f.rank));
  await talliesTable.bulkPut([...tallies].filter(([, t]) => t.count > 0).map(([key, t]) => ({ ...t, key })));
  const state = await tx.table<SyncState, string>('syncState').get(SYNC_STATE_KEY);
  await tx.table<TallyBasis, string>('tallyBasis').put({ key: TALLY_BASIS_KEY, basis: basisOf(state), rules: TALLY_RULES });
}

/**
 * Counts again the households saved since, or rebuilds the tallies if a write left them behind
 * (the basis moved without them, or households were put with no share or follow-up keys). Not
 * inside liveQuery: it writes.
 */
export async function ensureTallies(db: NgoSoDb): Promise<'in step' | 'counted' | 'rebuilt'> {
  return db.transaction('rw', [db.households, db.people, db.syncState, ...tallyTables(db)], async (tx) => {
    const [row, state] = await Promise.all([db.tallyBasis.get(TALLY_BASIS_KEY), db.syncState.get(SYNC_STATE_KEY)]);
    if (row?.basis === basisOf(state) && row.rules === TALLY_RULES) {
      const saved = await db.tallyDirty.toCollection().primaryKeys();
      if (saved.length > 0) await keepTalliesInStep(db, true, saved);
      const [tallies, households, filed] = await Promise.all([db.tallies.toArray(), db.households.count(), db.followUps.count()]);
      const tallied = tallies.reduce((sum, t) => sum + (t.birthYear === null ? t.count : 0), 0);
      if (tallied === households && filed === households) return saved.length > 0 ? 'counted' : 'in step';
    }
    await rebuildTallies(tx);
    return 'rebuilt';
  });
}

/** How many households wait to be counted again (a lead screen counts them when there are any). */
export function talliesWaiting(db: NgoSoDb): Promise<number> {
  return db.tallyDirty.count();
}

/** A commune's tallies as stored (safe inside liveQuery). */
export function readTallies(db: NgoSoDb, communeCode: string): Promise<StoredTally[]> {
  return db.tallies.where('communeCode').equals(communeCode).toArray();
}
