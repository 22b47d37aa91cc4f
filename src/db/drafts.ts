// Unsaved household forms, kept in idb-keyval as they are typed so that a form survives the
// app being closed or killed. One draft per household (or per new household in a hamlet), under
// the account that typed it (`account:<userId>:draft:<householdId>`): accounts sharing a phone
// never see each other's forms, and signing out deletes them with the account's data.
import { del, delMany, entries, get, keys, set } from 'idb-keyval';
import type { Household } from '../domain/household';
import type { PendingPerson } from '../domain/person';

export type HouseholdDraft = { household: Household; people: PendingPerson[]; notes: string; savedAt: string };

/** Every key of an account's own small data in idb-keyval starts with this. */
export function accountKeyPrefix(owner: string): string {
  return `account:${encodeURIComponent(owner)}:`;
}

export function draftKey(owner: string, householdId: string): string {
  return `${accountKeyPrefix(owner)}draft:${householdId}`;
}

export async function loadDraft(owner: string, householdId: string): Promise<HouseholdDraft | undefined> {
  return get<HouseholdDraft>(draftKey(owner, householdId));
}

export async function saveDraft(owner: string, draft: HouseholdDraft): Promise<void> {
  await set(draftKey(owner, draft.household.id), draft);
}

export async function discardDraft(owner: string, householdId: string): Promise<void> {
  await del(draftKey(owner, householdId));
}

/** Every unsaved form of this account on this phone, newest first, so none is forgotten after a crash. */
export async function listDrafts(owner: string): Promise<HouseholdDraft[]> {
  const prefix = `${accountKeyPrefix(owner)}draft:`;
  const all = await entries<IDBValidKey, HouseholdDraft>();
  return all
    .filter(([key]) => typeof key === 'string' && key.startsWith(prefix))
    .map(([, draft]) => draft)
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** Deletes every key of the account in idb-keyval (its drafts, and anything kept under its prefix). */
export async function deleteAccountKeys(owner: string): Promise<void> {
  const prefix = accountKeyPrefix(owner);
  const mine = (await keys()).filter((k) => typeof k === 'string' && k.startsWith(prefix));
  await delMany(mine);
}
