// The first save of a form opened on a household the phone does not hold: its records are added
// with IndexedDB itself (direct-write.ts), not read first. This is the write a person waits on,
// and Dexie's bookkeeping cost a slow phone more than the writes. Only the household form loads
// it, not the first start.
import type { Visit } from '../domain/visit';
import type { NgoSoDb, SyncState, TallyBasis } from './database';
import { directTransaction } from './direct-write';
import { saveHousehold, writesOf, type SaveInput, type SaveWrites } from './households';
import { stampedRows } from './outbox';
import { SYNC_STATE_KEY } from './sync-state';
import { basisInStep, noteRows, TALLY_BASIS_KEY } from './tally-basis';

/**
 * The rows a new household's save stamps and notes after (the sync state, the tallies' basis),
 * as the form last read them (readSaveBasis).
 */
export type SaveBasis = { state: SyncState | undefined; basis: TallyBasis | undefined };

export function readSaveBasis(db: NgoSoDb): Promise<SaveBasis> {
  return db.transaction('r', db.syncState, db.tallyBasis, async () => {
    const [state, basis] = await Promise.all([db.syncState.get(SYNC_STATE_KEY), db.tallyBasis.get(TALLY_BASIS_KEY)]);
    return { state, basis };
  });
}

/**
 * Goes through a new household's save as saveNewHousehold would from `seen`, up to the commit,
 * and undoes it: nothing is kept and nobody is told. The code of the save, IndexedDB's included,
 * is then compiled before the tap: a slow phone's first save of a page otherwise spent much of
 * its tap compiling it (traced at 4×: the handler 5–27 ms; the first save 55–70 ms where the
 * others took 25–40). Returns how many outbox rows the save would queue (none if it could not run).
 */
export async function rehearseNewHousehold(db: NgoSoDb, input: SaveInput, seen: SaveBasis | undefined): Promise<number> {
  const writes = writesOf(undefined, undefined, input);
  if (writes === undefined) return 0;
  try {
    await addRecords(db, writes, input, seen, { rehearsal: true });
  } catch (error) {
    // Undone, as meant; anything else stopped it, and the save itself will meet it.
    if (error instanceof Rehearsed) return error.queued;
  }
  return 0;
}

/** Thrown at the end of a rehearsal's transaction, to undo it, with how many outbox rows it queued. */
class Rehearsed extends Error {
  constructor(readonly queued: number) {
    super('a rehearsal keeps nothing');
  }
}

/** What a new household's save queues after its records: the stamped outbox rows (stampedRows), and the tallies' note (noteRows) when they were in step. */
function queuedAfter(writes: SaveWrites, input: SaveInput, { state, basis }: SaveBasis) {
  const queued = stampedRows(state, writes.drafts, input.now);
  return { queued, note: basisInStep(basis, state) ? noteRows(basis, queued.state, [input.household.id]) : undefined };
}

/** The rows read in the save's transaction were not the ones its writes were worked out from. */
class BasisMoved extends Error {}

/**
 * Saves a household the phone did not hold when its form opened, as saveHousehold would. Its
 * writes are worked out before the transaction and issued at its start with the two reads the
 * stamps and the tallies' note need. `add` fails if the household or a person is there after
 * all (another tab saved the same form): nothing of this transaction is kept, and the save runs
 * as an edit (saveHousehold). Not inside a caller's Dexie transaction: it has its own.
 *
 * With `seen`, the stamps and the note are worked out from it and written at once, without
 * waiting for the reads (a slow phone's turn to the database and back); if the reads find other
 * rows (a sync or another save wrote since), nothing is kept and the save runs again after them.
 */
export async function saveNewHousehold(db: NgoSoDb, input: SaveInput, seen?: SaveBasis): Promise<Visit | undefined> {
  const writes = writesOf(undefined, undefined, input);
  if (writes !== undefined) {
    try {
      try {
        await addRecords(db, writes, input, seen);
      } catch (error) {
        if (!(error instanceof BasisMoved)) throw error;
        await addRecords(db, writes, input);
      }
      return writes.visit;
    } catch (error) {
      if (!foundStored(error)) throw error;
    }
  }
  return saveHousehold(db, input);
}

/** Did the save find a key taken: the household or one of its people on the phone already? */
const foundStored = (error: unknown) => error instanceof Error && error.name === 'ConstraintError';

const sameRows = (a: SaveBasis, b: SaveBasis) => JSON.stringify([a.state, a.basis]) === JSON.stringify([b.state, b.basis]);

/** The records, the stamped outbox rows (stampedRows) and the tallies' note (noteRows), in one transaction. */
async function addRecords(db: NgoSoDb, writes: SaveWrites, input: SaveInput, seen?: SaveBasis, { rehearsal = false } = {}): Promise<void> {
  if (!db.isOpen()) await db.open();
  const tables = [db.households, db.people, db.visits, db.outbox, db.syncState, db.tallyBasis, db.tallyDirty].map((t) => t.name);
  await directTransaction(db, tables, async (tx) => {
    const reads = Promise.all([tx.get<SyncState>(db.syncState.name, SYNC_STATE_KEY), tx.get<TallyBasis>(db.tallyBasis.name, TALLY_BASIS_KEY)]);
    if (writes.record !== undefined) {
      tx.write(db.households.name, 'add', [writes.record.household]);
      tx.write(db.people.name, 'add', writes.record.people);
    }
    if (writes.visit !== undefined) tx.write(db.visits.name, 'add', [writes.visit]);
    /** Queues the outbox rows and the tallies' note; returns how many outbox rows. */
    const queue = (rows: SaveBasis) => {
      const { queued, note } = queuedAfter(writes, input, rows);
      tx.write(db.outbox.name, 'add', queued.rows);
      if (queued.state !== undefined && queued.rows.length > 0) tx.write(db.syncState.name, 'put', [queued.state]);
      if (note !== undefined) {
        tx.write(db.tallyDirty.name, 'put', note.dirty);
        tx.write(db.tallyBasis.name, 'put', [note.basis]);
      }
      return queued.rows.length;
    };
    let queued = seen === undefined ? 0 : queue(seen);
    const [state, basis] = await reads;
    // Still inside the transaction (its writes are queued after the reads): a throw undoes it all.
    if (seen === undefined) queued = queue({ state, basis });
    else if (!sameRows(seen, { state, basis })) throw new BasisMoved('the sync state or the tallies moved');
    if (rehearsal) throw new Rehearsed(queued);
  });
}
