// Unsaved household forms, kept in idb-keyval as they are typed so that a form survives the
// app being closed or killed. One draft per household (or per new household in a hamlet).
import { del, entries, get, set } from 'idb-keyval';
import type { Household } from '../domain/household';
import type { PendingPerson } from '../domain/person';

export type HouseholdDraft = { household: Household; people: PendingPerson[]; notes: string; savedAt: string };

export function draftKey(householdId: string): string {
  return `draft:household:${householdId}`;
}

export async function loadDraft(householdId: string): Promise<HouseholdDraft | undefined> {
  return get<HouseholdDraft>(draftKey(householdId));
}

export async function saveDraft(draft: HouseholdDraft): Promise<void> {
  await set(draftKey(draft.household.id), draft);
}

export async function discardDraft(householdId: string): Promise<void> {
  await del(draftKey(householdId));
}

/** Every unsaved form on this phone, newest first, so none is forgotten after a crash. */
export async function listDrafts(): Promise<HouseholdDraft[]> {
  const all = await entries<IDBValidKey, HouseholdDraft>();
  return all
    .filter(([key]) => typeof key === 'string' && key.startsWith('draft:household:'))
    .map(([, draft]) => draft)
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}
