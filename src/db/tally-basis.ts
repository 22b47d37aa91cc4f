// How a save keeps the lead's tallies (tallies.ts) in step without their code: it notes the
// households it wrote in `tallyDirty`, for the next lead screen to count again, and moves the
// basis along. The basis is the last stamp issued and the pull pages applied, one of which moves
// at every write of records: a write that took no note leaves it behind, and the tallies are then
// rebuilt. Small and apart, so that the lists and the household form do not load the tallies.
import { Dexie, type Table } from 'dexie';
import { INDICATORS } from '../domain/indicators';
import type { NgoSoDb, SyncState, TallyBasis, TallyDirty } from './database';
import { SYNC_STATE_KEY } from './sync-state';

export const TALLY_BASIS_KEY = 'basis';

export function basisOf(state: SyncState | undefined): string {
  return `${state?.lastStamp ?? ''}|${state?.pagesApplied ?? 0}`;
}

/**
 * The rules the tallies are counted and the households filed by: an update that changes them
 * makes every tally count again. `filing` 2: with the follow-up order (database version 5).
 */
export const TALLY_RULES = JSON.stringify({ filing: 2, indicators: INDICATORS.map((i) => [i.id, i.population, i.rule]) });

const NOTE_TABLES = ['tallyBasis', 'tallyDirty'] as const;

/** The tables a save adds to its transaction: none inside a caller's transaction that lacks them. */
export function tallyNoteTables(db: NgoSoDb): Table[] {
  const outer = Dexie.currentTransaction;
  if (outer !== null && !NOTE_TABLES.every((t) => outer.storeNames.includes(t))) return [];
  return [db.tallyBasis, db.tallyDirty];
}

/** The basis row, read first in a write's transaction with the sync state; none in a transaction without the note's tables. */
export async function readTallyBasis(db: NgoSoDb): Promise<TallyBasis | undefined> {
  const tx = Dexie.currentTransaction;
  if (tx === null || !NOTE_TABLES.every((t) => tx.storeNames.includes(t))) return undefined;
  return db.tallyBasis.get(TALLY_BASIS_KEY);
}

/** Whether the tallies (with the households noted) were in step with the records: the basis and the sync state read before any stamp was issued. */
export function basisInStep(row: TallyBasis | undefined, state: SyncState | undefined): row is TallyBasis {
  return row?.basis === basisOf(state);
}

/** Whether the tallies (with the households noted) are in step. Call first in a write's transaction, before any stamp is issued. */
export async function talliesInStep(db: NgoSoDb): Promise<boolean> {
  const [row, state] = await Promise.all([readTallyBasis(db), db.syncState.get(SYNC_STATE_KEY)]);
  return basisInStep(row, state);
}

/** Moves the basis to the records as they are now. Call last in the write's transaction. */
export async function moveTallyBasis(db: NgoSoDb): Promise<void> {
  const [row, state] = await Promise.all([db.tallyBasis.get(TALLY_BASIS_KEY), db.syncState.get(SYNC_STATE_KEY)]);
  await db.tallyBasis.put({ ...row, key: TALLY_BASIS_KEY, basis: basisOf(state) });
}

/** Notes households written, to be counted again, if the tallies were in step at the write's start. */
export async function noteForTallies(db: NgoSoDb, inStep: boolean, householdIds: readonly string[]): Promise<void> {
  if (!inStep) return;
  // Two tables, one transaction: neither write waits for the other (this is on every save).
  await Promise.all([db.tallyDirty.bulkPut(householdIds.map((householdId) => ({ householdId }))), moveTallyBasis(db)]);
}

/**
 * The same note for a write that read the basis row in step (basisInStep) and knows the sync
 * state it leaves (`state`, after its stamps): no read, both writes issued at once.
 */
export function noteWritten(db: NgoSoDb, row: TallyBasis, state: SyncState | undefined, householdIds: readonly string[]): Promise<unknown> {
  const note = noteRows(row, state, householdIds);
  return Promise.all([db.tallyDirty.bulkPut(note.dirty), db.tallyBasis.put(note.basis)]);
}

/** The rows noteWritten puts: the households to count again, and the basis moved to `state`. */
export function noteRows(row: TallyBasis, state: SyncState | undefined, householdIds: readonly string[]): { dirty: TallyDirty[]; basis: TallyBasis } {
  return { dirty: householdIds.map((householdId) => ({ householdId })), basis: { ...row, basis: basisOf(state) } };
}
