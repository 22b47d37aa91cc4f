// Households with their people and visits, in the phone's database. A save writes the
// household, its people and the visit that logs what changed in one transaction.
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import { assistedPeople, diffHousehold, type Visit } from '../domain/visit';
import { householdSearchWords, matchesQuery, queryWords } from '../domain/search-text';
import type { NgoSoDb, StoredHousehold } from './database';

export type HouseholdRecord = { household: Household; people: Person[] };

function stripIndex({ searchWords: _words, ...household }: StoredHousehold): Household {
  return household;
}

function indexed(household: Household, people: readonly Person[]): StoredHousehold {
  return { ...household, searchWords: householdSearchWords({ ...household, memberNames: people.map((p) => p.name) }) };
}

function byName(a: Person, b: Person): number {
  return a.birthYear - b.birthYear || a.name.localeCompare(b.name, 'vi');
}

export async function getHousehold(db: NgoSoDb, id: string): Promise<HouseholdRecord | undefined> {
  return db.transaction('r', db.households, db.people, async () => {
    const stored = await db.households.get(id);
    if (stored === undefined) return undefined;
    const people = await db.people.where('householdId').equals(id).toArray();
    return { household: stripIndex(stored), people: people.sort(byName) };
  });
}

async function withPeople(db: NgoSoDb, stored: readonly StoredHousehold[]): Promise<HouseholdRecord[]> {
  const people = await db.people.where('householdId').anyOf(stored.map((h) => h.id)).toArray();
  const byHousehold = new Map<string, Person[]>();
  for (const p of people) byHousehold.set(p.householdId, [...(byHousehold.get(p.householdId) ?? []), p]);
  return stored.map((h) => ({ household: stripIndex(h), people: (byHousehold.get(h.id) ?? []).sort(byName) }));
}

function byAddress(a: HouseholdRecord, b: HouseholdRecord): number {
  return (
    a.household.houseNumber.localeCompare(b.household.houseNumber, 'vi', { numeric: true }) ||
    a.household.headName.localeCompare(b.household.headName, 'vi')
  );
}

export async function listHamletHouseholds(db: NgoSoDb, hamletCode: string): Promise<HouseholdRecord[]> {
  return db.transaction('r', db.households, db.people, async () => {
    const stored = await db.households.where('hamletCode').equals(hamletCode).toArray();
    return (await withPeople(db, stored)).sort(byAddress);
  });
}

export async function listCommuneHouseholds(db: NgoSoDb, communeCode: string): Promise<HouseholdRecord[]> {
  return db.transaction('r', db.households, db.people, async () => {
    const stored = await db.households.where('communeCode').equals(communeCode).toArray();
    return withPeople(db, stored);
  });
}

/** Households whose names, house number or phone start with every word of the query. */
export async function searchHouseholds(db: NgoSoDb, query: string, limit = 50): Promise<HouseholdRecord[]> {
  const words = queryWords(query);
  const first = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (first === '') return [];
  return db.transaction('r', db.households, db.people, async () => {
    const candidates = await db.households
      .where('searchWords')
      .startsWith(first)
      .distinct()
      .filter((h) => matchesQuery(h.searchWords, words))
      .limit(limit)
      .toArray();
    return (await withPeople(db, candidates)).sort(byAddress);
  });
}

/**
 * Saves a household and its people as one transaction, with a visit logging what changed.
 * People absent from `people` are kept: nobody is deleted by a save (see withdrawConsent).
 */
export async function saveHousehold(
  db: NgoSoDb,
  input: { household: Household; people: readonly Person[]; visitId: string; visitor: string; notes: string; now: string },
): Promise<Visit | undefined> {
  const { household, people, visitId, visitor, notes, now } = input;
  return db.transaction('rw', db.households, db.people, db.visits, async () => {
    const before = await getHousehold(db, household.id);
    const changes = diffHousehold(before, { household, people });
    if (changes.length === 0 && notes.trim() === '') return undefined;
    if (changes.length > 0) {
      // Only what changed gets a new updatedAt: sync will compare these.
      const assisted = assistedPeople(changes);
      const savedPeople = people.map((p) => (assisted.includes(p.id) ? { ...p, updatedAt: now } : p));
      const kept = (before?.people ?? []).filter((p) => !people.some((q) => q.id === p.id));
      const householdChanged = before === undefined || changes.some((c) => c.personId === undefined);
      const saved = { ...household, updatedAt: householdChanged ? now : before.household.updatedAt };
      await db.households.put(indexed(saved, [...savedPeople, ...kept]));
      await db.people.bulkPut(savedPeople.filter((p) => assisted.includes(p.id)));
    }
    const visit: Visit = { id: visitId, householdId: household.id, visitedAt: now, visitor, changes, personIds: assistedPeople(changes), notes: notes.trim() };
    await db.visits.add(visit);
    return visit;
  });
}

/**
 * A person withdraws consent: their record is deleted (not hidden) and every trace of them is
 * removed from the visit log; the log keeps only that a withdrawal happened.
 */
export async function withdrawConsent(
  db: NgoSoDb,
  input: { personId: string; visitId: string; visitor: string; now: string },
): Promise<void> {
  const { personId, visitId, visitor, now } = input;
  await db.transaction('rw', db.households, db.people, db.visits, async () => {
    const person = await db.people.get(personId);
    if (person === undefined) return;
    await db.people.delete(personId);
    await db.visits
      .where('householdId')
      .equals(person.householdId)
      .modify((v) => {
        v.changes = v.changes.filter((c) => c.personId !== personId);
        v.personIds = v.personIds.filter((id) => id !== personId);
      });
    const stored = await db.households.get(person.householdId);
    if (stored !== undefined) {
      const rest = await db.people.where('householdId').equals(person.householdId).toArray();
      await db.households.put(indexed(stripIndex(stored), rest));
    }
    await db.visits.add({
      id: visitId,
      householdId: person.householdId,
      visitedAt: now,
      visitor,
      changes: [{ field: 'consent_withdrawn', from: null, to: null }],
      personIds: [],
      notes: '',
    });
  });
}

export async function listVisits(db: NgoSoDb, householdId: string): Promise<Visit[]> {
  const visits = await db.visits.where('householdId').equals(householdId).toArray();
  return visits.sort((a, b) => b.visitedAt.localeCompare(a.visitedAt));
}
