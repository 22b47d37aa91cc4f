// The phone's records, in IndexedDB through Dexie: areas, households, people and visits.
// Versions only add: a new version never renames or reuses a table, index or field.
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { Area } from '../domain/areas';
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import type { Visit } from '../domain/visit';
import { householdSearchWords } from '../domain/search-text';

/** A household as stored: with the folded words its search index is built from. */
export type StoredHousehold = Household & { searchWords: string[] };

export type NgoSoDb = Dexie & {
  areas: EntityTable<Area, 'code'>;
  households: EntityTable<StoredHousehold, 'id'>;
  people: EntityTable<Person, 'id'>;
  visits: EntityTable<Visit, 'id'>;
};

export const DB_NAME = 'ngo-so';

/** Version 1's tables, kept as they were so the migration from it stays tested. */
export const SCHEMA_V1 = {
  areas: 'code, parentCode',
  households: 'id, hamletCode, communeCode',
  people: 'id, householdId',
  visits: 'id, householdId, visitedAt',
};

/** Version 2 adds the diacritic-free search index over names, house numbers and phones. */
export const SCHEMA_V2 = {
  households: 'id, hamletCode, communeCode, *searchWords',
};

export async function addSearchWords(tx: Transaction): Promise<void> {
  const people = await tx.table<Person, string>('people').toArray();
  const namesByHousehold = new Map<string, string[]>();
  for (const p of people) namesByHousehold.set(p.householdId, [...(namesByHousehold.get(p.householdId) ?? []), p.name]);
  await tx
    .table<StoredHousehold, string>('households')
    .toCollection()
    .modify((h) => {
      h.searchWords = householdSearchWords({ ...h, memberNames: namesByHousehold.get(h.id) ?? [] });
    });
}

export function openDatabase(name: string = DB_NAME): NgoSoDb {
  const db = new Dexie(name) as NgoSoDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(addSearchWords);
  return db;
}
