// Records as they stood at an earlier moment, rebuilt from the visit log: each visit says what
// it changed (from → to), so undoing the visits made after the moment, newest first, gives the
// state before them. People and households recorded after the moment did not exist yet.
// The log is what the phone knows: a value merged on the server without a visit here is taken
// as it is now.
import type { Household } from './household';
import type { Person } from './person';
import type { Visit } from './visit';

export type Records = { households: Household[]; people: Person[] };

export function recordsAsOf(records: Records, visits: readonly Visit[], asOf: string): Records {
  const households = new Map(records.households.map((h) => [h.id, { ...h }]));
  const people = new Map(records.people.map((p) => [p.id, { ...p }]));
  const later = visits.filter((v) => v.visitedAt > asOf).sort((a, b) => (a.visitedAt < b.visitedAt ? 1 : -1));

  for (const visit of later) {
    for (const change of [...visit.changes].reverse()) {
      if (change.personId === undefined) {
        // A household's first visit sets its hamlet from nothing: before it, there was no household.
        if (change.field === 'hamletCode' && change.from === null) {
          households.delete(visit.householdId);
          continue;
        }
        const household = households.get(visit.householdId);
        if (household && change.from !== null) Object.assign(household, { [change.field]: change.from });
        continue;
      }
      if (change.field === 'added') {
        people.delete(change.personId);
        continue;
      }
      const person = people.get(change.personId);
      if (person && change.from !== null) Object.assign(person, { [change.field]: change.from });
    }
  }
  return { households: [...households.values()], people: [...people.values()].filter((p) => households.has(p.householdId)) };
}

export type Activity = { visits: number; peopleAssisted: number; households: number };

/** Visits made in [from, to) and how many distinct people and households they assisted. */
export function activityBetween(visits: readonly Visit[], from: string, to: string): Activity {
  const inPeriod = visits.filter((v) => v.visitedAt >= from && v.visitedAt < to);
  return {
    visits: inPeriod.length,
    peopleAssisted: new Set(inPeriod.flatMap((v) => v.personIds)).size,
    households: new Set(inPeriod.map((v) => v.householdId)).size,
  };
}
