// The outbox, in the `outbox` table: every local change as a mutation, written in the same
// transaction as the change, kept until the server acknowledges it (or set aside, refused).
import { Dexie } from 'dexie';
import type { MutationResult, Mutation } from '../domain/sync-protocol';
import type { NgoSoDb, OutboxRow, PullMark, SyncState } from './database';
import { completeDrafts, idFromStamp, sendableFields, type MutationDraft } from './mutations';
import { freshSyncState, issueStamps, loadOrCreateSyncState, stampsAfter, SYNC_STATE_KEY } from './sync-state';

const encoder = new TextEncoder();

export function mutationBytes(m: Mutation): number {
  return encoder.encode(JSON.stringify(m)).length;
}

export function outboxRow(mutation: Mutation): OutboxRow {
  return {
    id: mutation.id,
    mutation,
    stamp: mutation.stamp,
    status: 'pending',
    householdId: mutation.householdId,
    entityId: mutation.entityId,
    bytes: mutationBytes(mutation),
  };
}

/**
 * Stamps the drafts and adds them to the outbox. Call inside a read-write transaction over
 * `outbox` and `syncState`, the one that writes the change itself.
 */
export async function enqueue(db: NgoSoDb, drafts: readonly MutationDraft[], madeAt: string): Promise<Mutation[]> {
  const queued = enqueueAfter(db, await db.syncState.get(SYNC_STATE_KEY), drafts, madeAt);
  await queued.written;
  return queued.mutations;
}

/**
 * Stamps the drafts after the sync state this transaction already read (made afresh on a phone
 * that has none) and adds them to the outbox, the rows and the state written together, neither
 * waiting on the other. Returns the state as it now is. Call inside a read-write transaction
 * over `outbox` and `syncState`, the one that writes the change itself.
 */
export function enqueueAfter(
  db: NgoSoDb,
  state: SyncState | undefined,
  drafts: readonly MutationDraft[],
  madeAt: string,
): { state: SyncState | undefined; mutations: Mutation[]; written: Promise<unknown> } {
  const stamped = stampedRows(state, drafts, madeAt);
  if (stamped.state === undefined || stamped.rows.length === 0) return { ...stamped, written: Promise.resolve() };
  return { ...stamped, written: Promise.all([db.syncState.put(stamped.state), db.outbox.bulkAdd(stamped.rows)]) };
}

/**
 * What enqueueAfter writes, worked out without writing it: the drafts stamped after the sync
 * state read (made afresh on a phone that has none), their outbox rows and the state after
 * them (unchanged, and nothing to write, when there are no drafts).
 */
export function stampedRows(
  state: SyncState | undefined,
  drafts: readonly MutationDraft[],
  madeAt: string,
): { state: SyncState | undefined; mutations: Mutation[]; rows: OutboxRow[] } {
  if (drafts.length === 0) return { state, mutations: [], rows: [] };
  const issued = stampsAfter(state ?? freshSyncState(crypto.randomUUID()), Date.parse(madeAt), drafts.length);
  const mutations = completeDrafts(drafts, issued.stamps, madeAt, idFromStamp);
  return { state: issued.state, mutations, rows: mutations.map(outboxRow) };
}

function withoutPerson(fields: Record<string, unknown>, personId: string): Record<string, unknown> {
  const changes = Array.isArray(fields.changes) ? fields.changes : [];
  const personIds = Array.isArray(fields.personIds) ? fields.personIds : [];
  return {
    ...fields,
    changes: changes.filter((c: unknown) => !(typeof c === 'object' && c !== null && 'personId' in c && c.personId === personId)),
    personIds: personIds.filter((id: unknown) => id !== personId),
  };
}

/**
 * A person's data must never leave the phone once they withdrew: their unsent upserts are
 * dropped and they are cut out of unsent visits. Their own `delete` stays. Call inside a
 * read-write transaction over `outbox` and `syncState`, after the `delete` was queued.
 *
 * A scrubbed visit goes out as a new mutation (new id, stamped after the delete): had the
 * unscrubbed one reached the server with its answer lost, the server erases the person from it
 * first and then finds the scrubbed visit the same — where a retry under the old id would be
 * refused as other content.
 */
export async function scrubPersonFromOutbox(db: NgoSoDb, personId: string): Promise<void> {
  await db.outbox
    .where('entityId')
    .equals(personId)
    .filter((r) => r.mutation.entity === 'person' && r.mutation.op !== 'delete')
    .delete();
  const visits = await db.outbox.filter((r) => r.mutation.entity === 'visit' && JSON.stringify(r.mutation.fields).includes(personId)).toArray();
  if (visits.length === 0) return;
  visits.sort((a, b) => (a.stamp < b.stamp ? -1 : 1));
  await db.outbox.bulkDelete(visits.map((r) => r.id));
  // The phone's time does not matter here: each stamp comes right after the last one issued.
  const stamps = await issueStamps(db.syncState, 0, visits.length);
  await db.outbox.bulkAdd(
    visits.map((row, i) => {
      const stamp = stamps[i] ?? row.stamp;
      const mutation = { ...row.mutation, id: idFromStamp(stamp), stamp, fields: withoutPerson(row.mutation.fields, personId) };
      return { ...outboxRow(mutation), status: row.status, ...(row.reason === undefined ? {} : { reason: row.reason }) };
    }),
  );
}

/** Pending rows in the order they were made, at most `limit`; only those stamped after `after` when given. */
export async function pendingInOrder(db: NgoSoDb, limit: number, after?: string): Promise<OutboxRow[]> {
  const from = after === undefined ? ['pending', Dexie.minKey] : ['pending', after];
  return db.outbox.where('[status+stamp]').between(from, ['pending', Dexie.maxKey], after === undefined).limit(limit).toArray();
}

/**
 * The server's answers: applied and duplicate rows leave the outbox and count as confirmed;
 * refused ones stay, set aside with the reason. One transaction, so a crash after it loses
 * nothing and before it only sends the batch again (the server answers `duplicate`). A
 * confirmed row that was laid over a pulled record sets the next pull to start from that
 * record's page (the earliest such page wins), so the server's merge of it comes back.
 */
export async function acknowledge(db: NgoSoDb, results: readonly MutationResult[]): Promise<{ confirmed: number; rejected: number }> {
  return db.transaction('rw', db.outbox, db.syncState, async () => {
    let confirmed = 0;
    let rejected = 0;
    let rewind: PullMark | undefined;
    // Read and delete in bulk: one request per row cost a push of 2,000 mutations seconds.
    const rows = await db.outbox.bulkGet(results.map((r) => r.id));
    const seen = new Set<string>();
    const gone: string[] = [];
    for (const [i, result] of results.entries()) {
      const row = rows[i];
      if (row === undefined || seen.has(result.id)) continue;
      seen.add(result.id);
      if (result.status === 'rejected') {
        await db.outbox.update(result.id, { status: 'rejected', reason: result.reason });
        rejected++;
      } else {
        gone.push(result.id);
        confirmed++;
        if (row.overlaid !== undefined && (rewind === undefined || row.overlaid.page < rewind.page)) rewind = row.overlaid;
      }
    }
    await db.outbox.bulkDelete(gone);
    if (confirmed > 0) {
      const state = await loadOrCreateSyncState(db.syncState);
      const earliest = rewind !== undefined && (state.rewind === undefined || rewind.page < state.rewind.page) ? rewind : state.rewind;
      await db.syncState.put({ ...state, confirmedCount: state.confirmedCount + confirmed, ...(earliest === undefined ? {} : { rewind: earliest }) });
    }
    return { confirmed, rejected };
  });
}

/** Sets a mutation aside without sending it (the phone itself found it cannot be sent). */
export async function setAside(db: NgoSoDb, id: string, reason: string): Promise<void> {
  await db.outbox.update(id, { status: 'rejected', reason });
}

/** Is every field of `row` set again by a later pending mutation of the same record? */
function superseded(row: OutboxRow, later: readonly OutboxRow[]): boolean {
  const m = row.mutation;
  if (m.op === 'delete' || m.entity === 'visit') return false;
  const covered = new Set(
    later
      .filter((r) => r.status === 'pending' && r.mutation.entity === m.entity && r.mutation.entityId === m.entityId && r.stamp > row.stamp)
      .flatMap((r) => Object.keys(r.mutation.fields)),
  );
  return Object.keys(m.fields).every((f) => covered.has(f));
}

/** The record a mutation was made from, as the phone holds it now. */
async function currentRecord(db: NgoSoDb, m: Mutation): Promise<object | undefined> {
  if (m.entity === 'household') return db.households.get(m.entityId);
  if (m.entity === 'person') return db.people.get(m.entityId);
  return db.visits.get(m.entityId);
}

/**
 * Refused mutations of a household, sent again. A refused mutation that later saves have
 * entirely overtaken is dropped. Any other is replaced by a new mutation (new id, so the server
 * does not take it for the refused one) with the same fields, stamp and scope check, but the
 * values the phone holds now — the person's corrections — and the household's current hamlet.
 * A refused mutation whose record is gone is dropped. Returns how many were queued again.
 * Call inside a read-write transaction over households, people, visits and outbox.
 */
export async function requeueRejected(db: NgoSoDb, householdId: string): Promise<number> {
  const rows = await db.outbox.where('householdId').equals(householdId).toArray();
  const household = await db.households.get(householdId);
  let queued = 0;
  for (const row of rows.filter((r) => r.status === 'rejected')) {
    await db.outbox.delete(row.id);
    const m = row.mutation;
    if (superseded(row, rows)) continue;
    const scope = household === undefined ? {} : { communeCode: household.communeCode, hamletCode: household.hamletCode };
    const mark = row.overlaid === undefined ? {} : { overlaid: row.overlaid };
    if (m.op === 'delete') {
      await db.outbox.add({ ...outboxRow({ ...m, ...scope, id: crypto.randomUUID() }), ...mark });
      queued++;
      continue;
    }
    const record = await currentRecord(db, m);
    if (record === undefined) continue;
    const now = sendableFields(record);
    const fields = m.entity === 'visit' ? now : Object.fromEntries(Object.keys(m.fields).filter((k) => k in now).map((k) => [k, now[k]]));
    await db.outbox.add({ ...outboxRow({ ...m, ...scope, fields, id: crypto.randomUUID() }), ...mark });
    queued++;
  }
  return queued;
}

/** "Gửi lại": the household's refused changes go out again with the values held now. */
export async function retryRejected(db: NgoSoDb, householdId: string): Promise<number> {
  return db.transaction('rw', [db.households, db.people, db.visits, db.outbox], () => requeueRejected(db, householdId));
}
