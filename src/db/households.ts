// Households with their people and visits, in the phone's database. A save writes the
// household, its people, the visit that logs what changed and their outbox mutations in one
// transaction.
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import type { Visit } from '../domain/visit';
import { assistedPeople, diffHousehold } from '../domain/visit-changes';
import { householdSearchWords } from '../domain/search-text';
import { byAddress, byName } from '../domain/vi-order';
import type { NgoSoDb, StoredHousehold, StoredPerson, SyncState, TallyBasis } from './database';
import { changedFields, householdDrafts, personDeleteDraft, personDrafts, scopeOf, visitDraft, type MutationDraft } from './mutations';
import { enqueue, enqueueAfter, requeueRejected, scrubPersonFromOutbox } from './outbox';
import { SYNC_STATE_KEY } from './sync-state';
import { basisInStep, noteForTallies, noteWritten, readTallyBasis, talliesInStep, tallyNoteTables } from './tally-basis';

export type HouseholdRecord = { household: Household; people: Person[] };

export function stripIndex({ searchWords: _words, updatedBy: _by, ...household }: StoredHousehold): Household {
  return household;
}

export function stripAuthor({ updatedBy: _by, ...person }: StoredPerson): Person {
  return person;
}

/** The stored row: with its search words, from its people and the names still expected on the commune's list. */
export function indexed(household: Household, people: readonly Person[], updatedBy?: string): StoredHousehold {
  const expected = (household.expectedMembers ?? []).map((m) => m.name);
  const words = householdSearchWords({ ...household, memberNames: [...people.map((p) => p.name), ...expected] });
  return { ...household, searchWords: words, ...(updatedBy ? { updatedBy } : {}) };
}

/** Who last changed the household and each of its people ("cập nhật bởi …"), where known. */
export async function householdAuthors(db: NgoSoDb, householdId: string): Promise<{ household?: string; people: Map<string, string> }> {
  return db.transaction('r', db.households, db.people, async () => {
    const stored = await db.households.get(householdId);
    const people = await db.people.where('householdId').equals(householdId).toArray();
    const authors = new Map(people.flatMap((p) => (p.updatedBy ? [[p.id, p.updatedBy] as const] : [])));
    return stored?.updatedBy ? { household: stored.updatedBy, people: authors } : { people: authors };
  });
}

export { byName };

export async function getHousehold(db: NgoSoDb, id: string): Promise<HouseholdRecord | undefined> {
  return db.transaction('r', db.households, db.people, async () => {
    const stored = await db.households.get(id);
    if (stored === undefined) return undefined;
    const people = await db.people.where('householdId').equals(id).toArray();
    return { household: stripIndex(stored), people: people.map(stripAuthor).sort(byName) };
  });
}

function records(stored: readonly StoredHousehold[], people: readonly StoredPerson[]): HouseholdRecord[] {
  const byHousehold = new Map<string, Person[]>();
  for (const p of people) {
    const list = byHousehold.get(p.householdId);
    if (list === undefined) byHousehold.set(p.householdId, [stripAuthor(p)]);
    else list.push(stripAuthor(p));
  }
  return stored.map((h) => ({ household: stripIndex(h), people: (byHousehold.get(h.id) ?? []).sort(byName) }));
}

// One index read per household, all issued at once: `anyOf` walks a cursor, a main-thread step
// per person, which at 4× CPU made 20 households take 171 ms instead of 6.
export async function withPeople(db: NgoSoDb, stored: readonly StoredHousehold[]): Promise<HouseholdRecord[]> {
  const people = await Promise.all(stored.map((h) => db.people.where('householdId').equals(h.id).toArray()));
  return records(stored, people.flat());
}

export function byRecordAddress(a: HouseholdRecord, b: HouseholdRecord): number {
  return byAddress(a.household, b.household);
}

export async function listHamletHouseholds(db: NgoSoDb, hamletCode: string): Promise<HouseholdRecord[]> {
  return db.transaction('r', db.households, db.people, async () => {
    const stored = await db.households.where('hamletCode').equals(hamletCode).toArray();
    return (await withPeople(db, stored)).sort(byRecordAddress);
  });
}

/** Every household of the commune with its people: all people read in one request (the phone holds little else). */
export async function listCommuneHouseholds(db: NgoSoDb, communeCode: string): Promise<HouseholdRecord[]> {
  return db.transaction('r', db.households, db.people, async () => {
    const [stored, people] = await Promise.all([db.households.where('communeCode').equals(communeCode).toArray(), db.people.toArray()]);
    return records(stored, people);
  });
}

export type SaveInput = {
  household: Household;
  people: readonly Person[];
  visitId: string;
  visitor: string;
  notes: string;
  now: string;
};

/** What a save writes: the household row and the people who changed, the visit, the mutations to queue. */
export type SaveWrites = { record?: { household: StoredHousehold; people: StoredPerson[] }; visit?: Visit; drafts: MutationDraft[] };

/**
 * The writes of a save, from the household as stored before it (none when new, with the author
 * of its row) and the form. Nothing when nothing changed and there are no notes.
 */
export function writesOf(before: HouseholdRecord | undefined, storedAuthor: string | undefined, input: SaveInput): SaveWrites | undefined {
  const { household, people, visitId, visitor, notes, now } = input;
  const changes = diffHousehold(before, { household, people });
  const householdChanged = before === undefined || Object.keys(changedFields(before.household, household)).some((k) => k !== 'updatedAt');
  const logsVisit = changes.length > 0 || notes.trim() !== '';
  if (!householdChanged && !logsVisit) return undefined;
  let current = before?.household ?? household;
  const drafts: MutationDraft[] = [];
  let record: SaveWrites['record'];
  if (changes.length > 0 || householdChanged) {
    // Only what changed gets a new updatedAt: sync will compare these.
    const assisted = assistedPeople(changes);
    const savedPeople = people.filter((p) => assisted.includes(p.id)).map((p) => ({ ...p, updatedAt: now }));
    const unchanged = people.filter((p) => !assisted.includes(p.id));
    const kept = (before?.people ?? []).filter((p) => !people.some((q) => q.id === p.id));
    const author = householdChanged ? visitor : storedAuthor;
    current = householdChanged ? { ...household, updatedAt: now } : current;
    record = {
      household: indexed(current, [...savedPeople, ...unchanged, ...kept], author),
      people: savedPeople.map((p) => (visitor ? { ...p, updatedBy: visitor } : p)),
    };
    if (householdChanged) drafts.push(...householdDrafts(before?.household, current));
    const previous = new Map((before?.people ?? []).map((p) => [p.id, p]));
    for (const p of savedPeople) drafts.push(...personDrafts(previous.get(p.id), p, current));
  }
  const visit: Visit | undefined = logsVisit
    ? { id: visitId, householdId: household.id, visitedAt: now, visitor, changes, personIds: assistedPeople(changes), notes: notes.trim() }
    : undefined;
  if (visit !== undefined) drafts.push(visitDraft(visit, current));
  return { ...(record === undefined ? {} : { record }), ...(visit === undefined ? {} : { visit }), drafts };
}

/** The records' writes, issued at once. */
function writeRecords(db: NgoSoDb, writes: SaveWrites): Promise<unknown>[] {
  const { record, visit } = writes;
  const issued: Promise<unknown>[] = [];
  if (record !== undefined) {
    issued.push(db.households.put(record.household));
    if (record.people.length > 0) issued.push(db.people.bulkPut(record.people));
  }
  if (visit !== undefined) issued.push(db.visits.add(visit));
  return issued;
}

/** The mutations stamped after the sync state read and queued, with the tallies' note when they were in step. */
function queueWithNote(db: NgoSoDb, basis: TallyBasis | undefined, state: SyncState | undefined, input: SaveInput, drafts: readonly MutationDraft[]): Promise<unknown> {
  const queued = enqueueAfter(db, state, drafts, input.now);
  return basisInStep(basis, state) ? Promise.all([queued.written, noteWritten(db, basis, queued.state, [input.household.id])]) : queued.written;
}

/**
 * Saves a household and its people as one transaction, with a visit logging what changed and
 * the outbox mutations that will carry it to the server: the household (all fields when new,
 * the changed ones after), each changed person, and the visit. The household's refused
 * mutations, if any, are queued again with the values saved now (see requeueRejected).
 * People absent from `people` are kept: nobody is deleted by a save (see withdrawConsent).
 * Fields the visit log leaves out (expected members, location) are saved all the same, with
 * no visit logged when nothing else changed.
 */
export async function saveHousehold(db: NgoSoDb, input: SaveInput): Promise<Visit | undefined> {
  const tables = [db.households, db.people, db.visits, db.outbox, db.syncState, ...tallyNoteTables(db)];
  return db.transaction('rw', tables, async () => {
    // Every read first, together, then every write issued at once: each request awaited alone
    // costs a slow phone a main-thread turn. The stamps and the tally note are worked out from
    // the sync state and basis read here, not read again.
    const id = input.household.id;
    const [basis, state, stored, storedPeople, outboxRows] = await Promise.all([
      readTallyBasis(db),
      db.syncState.get(SYNC_STATE_KEY),
      db.households.get(id),
      db.people.where('householdId').equals(id).toArray(),
      db.outbox.where('householdId').equals(id).toArray(),
    ]);
    const before = stored === undefined ? undefined : { household: stripIndex(stored), people: storedPeople.map(stripAuthor).sort(byName) };
    const writes = writesOf(before, stored?.updatedBy, input);
    if (writes === undefined) return undefined;
    // Requests in one transaction run in order, and if any fails the whole transaction is undone.
    await Promise.all([...writeRecords(db, writes), queueWithNote(db, basis, state, input, writes.drafts)]);
    // Only a household with refused mutations has any to queue again (none, nearly always).
    if (outboxRows.some((r) => r.status === 'rejected')) await requeueRejected(db, id);
    return writes.visit;
  });
}

/**
 * A person withdraws consent: their record is deleted (not hidden) and every trace of them is
 * removed from the visit log; the log keeps only that a withdrawal happened. In the outbox,
 * their unsent changes are dropped and cut out of unsent visits, so none of their data leaves
 * the phone from now on, and a `delete` tells the server to erase what it already has.
 */
export async function withdrawConsent(
  db: NgoSoDb,
  input: { personId: string; visitId: string; visitor: string; now: string },
): Promise<void> {
  const { personId, visitId, visitor, now } = input;
  await db.transaction('rw', [db.households, db.people, db.visits, db.outbox, db.syncState, ...tallyNoteTables(db)], async () => {
    const inStep = await talliesInStep(db);
    const person = await db.people.get(personId);
    if (person === undefined) return;
    await db.people.delete(personId);
    await scrubPersonFromVisits(db, personId, person.householdId);
    const stored = await db.households.get(person.householdId);
    if (stored !== undefined) {
      const rest = await db.people.where('householdId').equals(person.householdId).toArray();
      await db.households.put(indexed(stripIndex(stored), rest, stored.updatedBy));
    }
    const visit: Visit = {
      id: visitId,
      householdId: person.householdId,
      visitedAt: now,
      visitor,
      changes: [{ field: 'consent_withdrawn', from: null, to: null }],
      personIds: [],
      notes: '',
    };
    await db.visits.add(visit);
    if (stored !== undefined) {
      const household = stripIndex(stored);
      await enqueue(db, [personDeleteDraft(personId, scopeOf(household)), visitDraft(visit, household)], now);
    }
    await scrubPersonFromOutbox(db, personId);
    await noteForTallies(db, inStep, [person.householdId]);
  });
}

/**
 * Removes a person from the visit log: their id and their changes. Call inside a read-write
 * transaction over visits.
 */
export async function scrubPersonFromVisits(db: NgoSoDb, personId: string, householdId?: string): Promise<void> {
  const scrub = (v: Visit) => {
    v.changes = v.changes.filter((c) => c.personId !== personId);
    v.personIds = v.personIds.filter((id) => id !== personId);
  };
  await db.visits.where('personIds').equals(personId).modify(scrub);
  if (householdId !== undefined) await db.visits.where('householdId').equals(householdId).modify(scrub);
}

export async function listVisits(db: NgoSoDb, householdId: string): Promise<Visit[]> {
  const visits = await db.visits.where('householdId').equals(householdId).toArray();
  return visits.sort((a, b) => b.visitedAt.localeCompare(a.visitedAt));
}
