// Where an account's personal data lives on the phone, and how it goes: its own Dexie database
// (`ngo-so-<userId>`), its keys in idb-keyval (drafts), and its session (sessions.ts). Accounts
// sharing a phone never open each other's database.
import { Dexie } from 'dexie';
import { openDatabase, DB_NAME, type NgoSoDb } from './database';
import { deleteAccountKeys } from './drafts';

export function accountDatabaseName(userId: string): string {
  return `${DB_NAME}-${encodeURIComponent(userId)}`;
}

export function openAccountDatabase(userId: string): NgoSoDb {
  return openDatabase(accountDatabaseName(userId));
}

/**
 * Deletes the account's records and drafts (not its session: see sessions.ts, which calls this
 * first, so an interrupted wipe leaves a session to finish it rather than data with no owner).
 * An open Dexie connection to the database closes itself when the deletion asks.
 */
export async function deleteAccountData(userId: string): Promise<void> {
  await Dexie.delete(accountDatabaseName(userId));
  await deleteAccountKeys(userId);
}

/**
 * Deletes this app's databases on this origin that belong to no account in `owners` (the
 * single database of the version before accounts among them); returns their names.
 */
export async function deleteUnownedDatabases(owners: readonly string[]): Promise<string[]> {
  const known = new Set(owners.map(accountDatabaseName));
  const all = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
  const unowned = all.map((d) => d.name ?? '').filter((name) => (name === DB_NAME || name.startsWith(`${DB_NAME}-`)) && !known.has(name));
  for (const name of unowned) await Dexie.delete(name);
  return unowned;
}
