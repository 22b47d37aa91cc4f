// The people the commune's list expects in a household (see import-rows.ts), recorded one by one
// at the visit: each becomes a new member card, name and birth year filled in, consent first.
import type { ExpectedMember, Household } from './household';
import { newPerson, type PendingPerson } from './person';

/**
 * Takes the index-th expected member off the household's list and starts a person from them,
 * with no consent yet. Saving the form then saves the shorter list with the person.
 */
export function personFromList(
  household: Household,
  index: number,
  fields: { id: string; now: string },
): { household: Household; person: PendingPerson; member: ExpectedMember } | undefined {
  const list = household.expectedMembers ?? [];
  const member = list[index];
  if (member === undefined) return undefined;
  const person = newPerson({ id: fields.id, householdId: household.id, name: member.name, birthYear: member.birthYear, consent: undefined, updatedAt: fields.now });
  return { household: { ...household, expectedMembers: list.filter((_, i) => i !== index) }, person, member };
}

/** A member back on the list, where they were in the list's order, when their new card is discarded unsaved. */
export function backOnList(household: Household, member: ExpectedMember, index: number): Household {
  const list = [...(household.expectedMembers ?? [])];
  list.splice(Math.min(index, list.length), 0, member);
  return { ...household, expectedMembers: list };
}
