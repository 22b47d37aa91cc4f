// Others' changes, pulled from the server, written into households, people and visits one page
// per transaction together with the cursor. Changes of this phone that the server has not yet
// confirmed stay on top: an unsent edit never disappears from the screen.
import { Household } from '../domain/household';
import { Person } from '../domain/person';
import type { EntityKind } from '../domain/sync-protocol';
import { Visit } from '../domain/visit';
import type { NgoSoDb, OutboxRow, PullMark, StoredHousehold, StoredPerson } from './database';
import { indexed, scrubPersonFromVisits, stripIndex } from './households';
import { scrubPersonFromOutbox } from './outbox';
import { loadOrCreateSyncState } from './sync-state';
import { keepTalliesInStep, tallyTables, type HouseholdsRead } from './tallies';
import { talliesInStep } from './tally-basis';

/** A record as the server sent it, not yet checked against the shared schema. */
export type IncomingRecord = { entity: EntityKind; id: string; deleted: boolean; record?: unknown; updatedBy?: string };

export type PulledPageResult = { applied: number; skipped: number };

type Checked =
  | { kind: 'tombstone'; entity: EntityKind; id: string }
  | { kind: 'household'; data: Household; updatedBy: string }
  | { kind: 'person'; data: Person; updatedBy: string }
  | { kind: 'visit'; data: Visit; updatedBy: string }
  | { kind: 'unreadable' };

function check(r: IncomingRecord): Checked {
  if (r.deleted) return { kind: 'tombstone', entity: r.entity, id: r.id };
  const body = typeof r.record === 'object' && r.record !== null ? { ...r.record, id: r.id } : undefined;
  const updatedBy = r.updatedBy ?? '';
  if (r.entity === 'household') {
    const parsed = Household.safeParse(body);
    return parsed.success ? { kind: 'household', data: parsed.data, updatedBy } : { kind: 'unreadable' };
  }
  if (r.entity === 'person') {
    const parsed = Person.safeParse(body);
    return parsed.success ? { kind: 'person', data: parsed.data, updatedBy } : { kind: 'unreadable' };
  }
  const parsed = Visit.safeParse(body);
  return parsed.success ? { kind: 'visit', data: parsed.data, updatedBy } : { kind: 'unreadable' };
}

const byStamp = (a: OutboxRow, b: OutboxRow) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0);

/** The outbox rows of one record whose fields lie over what the server sent, oldest first. */
function overlayRows(waiting: readonly OutboxRow[], entity: EntityKind, id: string): OutboxRow[] {
  return waiting.filter((r) => r.mutation.entity === entity && r.entityId === id && r.mutation.op === 'upsert').sort(byStamp);
}

/** Whoever made the fields on screen: the server's author, or this phone's when its own edit lies on top. */
function authorOf(overlay: Record<string, unknown>, local: { updatedBy?: string } | undefined, server: string): { updatedBy?: string } {
  const by = Object.keys(overlay).length > 0 && local !== undefined ? local.updatedBy : server;
  return by ? { updatedBy: by } : {};
}

/** Erases a person the server erased (consent withdrawn, maybe on another phone): row, traces, unsent changes. */
async function erasePerson(db: NgoSoDb, personId: string, touched: Set<string>): Promise<void> {
  const local = await db.people.get(personId);
  await db.people.delete(personId);
  await scrubPersonFromVisits(db, personId, local?.householdId);
  await scrubPersonFromOutbox(db, personId);
  if (local !== undefined) touched.add(local.householdId);
}

async function eraseRecord(db: NgoSoDb, entity: EntityKind, id: string, touched: Set<string>): Promise<void> {
  if (entity === 'person') return erasePerson(db, id, touched);
  if (entity === 'visit') return db.visits.delete(id);
  await db.people.where('householdId').equals(id).delete();
  await db.visits.where('householdId').equals(id).delete();
  await db.households.delete(id);
}

/**
 * This phone's unconfirmed rows about these records. A fresh phone's outbox is empty, and a busy
 * one's is rarely larger than a page: then it is read whole, else looked up id by id (Dexie's
 * anyOf over a large index was the largest cost of a pull in the Node phone).
 */
async function waitingRows(db: NgoSoDb, ids: ReadonlySet<string>): Promise<OutboxRow[]> {
  if ((await db.outbox.count()) <= ids.size) return (await db.outbox.toArray()).filter((r) => ids.has(r.entityId));
  return (await Promise.all([...ids].map((id) => db.outbox.where('entityId').equals(id).toArray()))).flat();
}

/**
 * Rebuilds the search words of these households from their rows and people as stored now, every
 * read issued at once and one write: one household at a time, as the pull once did,
 * three requests waited on in turn a household, cost a page of 2,000 records ~80 ms in the Node
 * phone. People are read one index read per household, all at once (as withPeople): anyOf walks a cursor.
 * Returns the rows it wrote and the people it read, for the tallies not to read them again.
 */
async function reindexAll(db: NgoSoDb, householdIds: ReadonlySet<string>): Promise<HouseholdsRead> {
  const ids = [...householdIds];
  const [stored, people] = await Promise.all([db.households.bulkGet(ids), Promise.all(ids.map((id) => db.people.where('householdId').equals(id).toArray()))]);
  const rows = stored.map((h, i) => (h === undefined ? undefined : indexed(stripIndex(h), people[i] ?? [], h.updatedBy)));
  const written = rows.filter((h) => h !== undefined);
  if (written.length > 0) await db.households.bulkPut(written);
  return { households: new Map(ids.map((id, i) => [id, rows[i]])), people: new Map(ids.map((id, i) => [id, people[i] ?? []])) };
}

type StoredBefore = { households: Map<string, StoredHousehold>; people: Map<string, StoredPerson> };

/** The page's households and people as the phone holds them before it, read at once. */
async function storedBefore(db: NgoSoDb, checked: readonly Checked[]): Promise<StoredBefore> {
  const ids = (kind: 'household' | 'person') => checked.flatMap((c) => (c.kind === kind ? [c.data.id] : []));
  const [households, people] = await Promise.all([db.households.bulkGet(ids('household')), db.people.bulkGet(ids('person'))]);
  return {
    households: new Map(households.flatMap((h) => (h === undefined ? [] : [[h.id, h] as const]))),
    people: new Map(people.flatMap((p) => (p === undefined ? [] : [[p.id, p] as const]))),
  };
}

/** An erased record, and a household's people with it, are no longer on the phone. */
function forget(local: StoredBefore, entity: EntityKind, id: string): void {
  if (entity === 'person') local.people.delete(id);
  if (entity !== 'household') return;
  local.households.delete(id);
  for (const [personId, p] of local.people) if (p.householdId === id) local.people.delete(personId);
}

/**
 * Applies one page of pulled records and stores the cursor, in one transaction. The fields of
 * this phone's unconfirmed mutations (pending or refused) are laid over what the server sent;
 * a person this phone is erasing is not brought back, nor named in pulled visits. A record the
 * phone cannot read (not valid against the shared schema) is skipped and counted.
 *
 * Once such a mutation is confirmed, the server's merge of it may differ from what the phone
 * shows (a forward-only status another phone took further) without the record changing on the
 * server again. So each row laid over a record remembers the page (`from`, the cursor the page
 * started at); acknowledge() turns that into a rewind, and the next pull starts there.
 */
export async function applyPulledPage(db: NgoSoDb, records: readonly IncomingRecord[], cursor: string, from = ''): Promise<PulledPageResult> {
  const checked = records.map(check);
  return db.transaction('rw', [db.households, db.people, db.visits, db.outbox, db.syncState, ...tallyTables(db)], async () => {
    const inStep = await talliesInStep(db);
    const state = await loadOrCreateSyncState(db.syncState);
    const mark = { cursor: from, page: (state.pagesApplied ?? 0) + 1 };
    const mentioned = new Set(checked.flatMap((c) => (c.kind === 'unreadable' ? [] : c.kind === 'tombstone' ? [c.id] : c.kind === 'visit' ? [c.data.id, ...c.data.personIds] : [c.data.id])));
    const waiting = await waitingRows(db, mentioned);
    const withdrawn = new Set(waiting.filter((r) => r.mutation.entity === 'person' && r.mutation.op === 'delete').map((r) => r.entityId));
    const laidOver: OutboxRow[] = [];
    const overlayFor = (entity: EntityKind, id: string) => {
      const rows = overlayRows(waiting, entity, id);
      laidOver.push(...rows);
      return rows.reduce<Record<string, unknown>>((fields, r) => ({ ...fields, ...r.mutation.fields }), {});
    };
    const touched = new Set<string>();
    const erased = new Set<string>();
    let skipped = 0;
    const local = await storedBefore(db, checked);
    // Rows are put in bulk, in page order; an erase reads the tables, so what waits is put first.
    const puts = { households: [] as StoredHousehold[], people: [] as StoredPerson[], visits: [] as Visit[] };
    const putWaiting = async () => {
      if (puts.households.length > 0) await db.households.bulkPut(puts.households.splice(0));
      if (puts.people.length > 0) await db.people.bulkPut(puts.people.splice(0));
      if (puts.visits.length > 0) await db.visits.bulkPut(puts.visits.splice(0));
    };

    for (const c of checked) {
      if (c.kind === 'unreadable') {
        skipped++;
      } else if (c.kind === 'tombstone') {
        await putWaiting();
        await eraseRecord(db, c.entity, c.id, touched);
        forget(local, c.entity, c.id);
        if (c.entity === 'household') erased.add(c.id);
      } else if (c.kind === 'household') {
        const overlay = overlayFor('household', c.data.id);
        const row: StoredHousehold = { ...c.data, ...overlay, searchWords: [], ...authorOf(overlay, local.households.get(c.data.id), c.updatedBy) };
        puts.households.push(row);
        local.households.set(row.id, row);
        touched.add(c.data.id);
      } else if (c.kind === 'person') {
        if (withdrawn.has(c.data.id)) continue;
        const overlay = overlayFor('person', c.data.id);
        const before = local.people.get(c.data.id);
        const row: StoredPerson = { ...c.data, ...overlay, ...authorOf(overlay, before, c.updatedBy) };
        puts.people.push(row);
        local.people.set(row.id, row);
        touched.add(c.data.householdId);
        if (before !== undefined) touched.add(before.householdId);
      } else {
        const visit = { ...c.data, ...overlayFor('visit', c.data.id) };
        visit.changes = visit.changes.filter((ch) => ch.personId === undefined || !withdrawn.has(ch.personId));
        visit.personIds = visit.personIds.filter((id) => !withdrawn.has(id));
        puts.visits.push(visit);
      }
    }
    await putWaiting();
    const read = await reindexAll(db, touched);
    for (const row of laidOver) {
      if (row.overlaid === undefined && (await db.outbox.get(row.id)) !== undefined) await db.outbox.update(row.id, { overlaid: mark });
    }
    await db.syncState.put({ ...state, cursor, pagesApplied: mark.page });
    await keepTalliesInStep(db, inStep, [...touched, ...erased], read);
    return { applied: checked.length - skipped, skipped };
  });
}

/** A pull that started from `rewind` reached the end: the next one starts from the cursor again. */
export async function finishRewind(db: NgoSoDb, rewind: PullMark): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    const state = await loadOrCreateSyncState(db.syncState);
    if (state.rewind?.page === rewind.page) await db.syncState.put({ ...state, rewind: undefined });
  });
}
