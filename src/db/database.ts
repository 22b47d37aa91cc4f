// The phone's records, in IndexedDB through Dexie: areas, households, people and visits, the
// outbox of changes not yet confirmed by the server, and the sync bookkeeping (one row).
// Versions only add: a new version never renames or reuses a table, index or field.
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type { Area } from '../domain/areas';
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import type { Mutation } from '../domain/sync-protocol';
import type { Visit } from '../domain/visit';
import type { Tally } from '../domain/coverage-tally';
import { householdSearchWords } from '../domain/search-text';
import { followUpRankRow } from '../domain/follow-up-rank';
import { enqueueExistingRecords } from './migrate-v3';
import { basisOf, TALLY_BASIS_KEY, TALLY_RULES } from './tally-basis';

/** Who last changed a record (the server's `updatedBy`, or this phone's team member). */
type Authored = { updatedBy?: string };

/** A household as stored: with the folded words its search index is built from. */
export type StoredHousehold = Household & { searchWords: string[] } & Authored;
export type StoredPerson = Person & Authored;

/**
 * A pull page, named by the cursor it started from and its number among the pages this phone
 * applied: the place to pull again from once edits laid over its records are confirmed.
 */
export type PullMark = { cursor: string; page: number };

/** A change waiting for the server: `pending` until acknowledged, `rejected` with the server's reason. */
export type OutboxStatus = 'pending' | 'rejected';
export type OutboxRow = {
  /** The mutation's id. */
  id: string;
  mutation: Mutation;
  /** The mutation's stamp: pending rows are sent in this order. */
  stamp: string;
  status: OutboxStatus;
  reason?: string;
  householdId: string;
  entityId: string;
  /** UTF-8 bytes of the mutation's JSON, for batches capped in bytes. */
  bytes: number;
  /** The first pull page whose record this mutation's fields were laid over (see pulled-records.ts). */
  overlaid?: PullMark;
};

/** The phone's sync bookkeeping; a single row under SYNC_STATE_KEY. */
export type SyncState = {
  key: string;
  /** Made once with crypto.randomUUID; the last part of every stamp this phone issues. */
  deviceId: string;
  /** formatStamp() of the last stamp issued: the next one is always after it. */
  lastStamp?: string;
  /** Server's clock minus the phone's, measured at the last sync. */
  clockOffsetMs: number;
  /** The server's pull cursor; absent before the first pull. */
  cursor?: string;
  /** Phone-clock ISO times. */
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  /** The last sync's error in plain Vietnamese; absent after a sync that succeeded. */
  lastError?: string;
  lastErrorAt?: string;
  /** Mutations the server acknowledged, ever ("N bản ghi đã xác nhận"). */
  confirmedCount: number;
  /** The push batch size the link has earned (grows on success, shrinks on failure). */
  pushTargetBytes: number;
  /** Pull pages applied, ever: numbers the PullMarks. */
  pagesApplied?: number;
  /** Where the next pull starts instead of `cursor`, because a record pulled over a local edit must come again. */
  rewind?: PullMark;
};

/** A tally of the lead's figures (see coverage-tally.ts), under tallyKey(). */
export type StoredTally = Tally & { key: string };

/** What a household adds to the tallies, kept to take it back at its next write. */
export type HouseholdFacts = { householdId: string; share: Tally[] };

/** What the follow-up list sorts a household by, without reading the household. */
export type HouseholdPlace = Pick<Household, 'id' | 'houseNumber' | 'street' | 'headName' | 'location'>;

/** Where the follow-up list finds a household (follow-up-keys.ts), with what it sorts it by. */
export type FollowUpEntry = { householdId: string; keys: string[]; place: HouseholdPlace };

/** A household's place in the follow-up list under one of its keys (follow-up-keys.ts: followUpOrderKeys). */
export type FollowUpOrder = { key: string; householdId: string };

/**
 * The same, address rank first (follow-up-keys.ts: followUpRankRow), so the list's first page is
 * the first keys of each hamlet; `located` (the follow-up key) only for a household with a stored position.
 */
export type FollowUpRank = { key: string; householdId: string; located?: string };

/**
 * The records the tallies were last kept in step with: the last stamp issued and pull pages
 * applied. Every write of records issues a stamp or applies a page, so a write that left the
 * tallies aside shows as a difference (see tallies.ts).
 */
export type TallyBasis = {
  key: string;
  basis: string;
  /** The indicator rules the tallies were counted by (tallies.ts): other rules, after an update, count again. */
  rules?: string;
};

/** A household saved since the tallies last counted it (see tally-basis.ts). */
export type TallyDirty = { householdId: string };

export type NgoSoDb = Dexie & {
  areas: EntityTable<Area, 'code'>;
  households: EntityTable<StoredHousehold, 'id'>;
  people: EntityTable<StoredPerson, 'id'>;
  visits: EntityTable<Visit, 'id'>;
  outbox: EntityTable<OutboxRow, 'id'>;
  syncState: Table<SyncState, string>;
  tallies: Table<StoredTally, string>;
  householdFacts: Table<HouseholdFacts, string>;
  followUps: Table<FollowUpEntry, string>;
  followUpOrder: Table<FollowUpOrder, string>;
  followUpRank: Table<FollowUpRank, string>;
  tallyBasis: Table<TallyBasis, string>;
  tallyDirty: Table<TallyDirty, string>;
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

/**
 * Version 3 adds the outbox and the sync state, and indexes visits by the people they name (so
 * an erased person's traces are found at once). Its upgrade puts every record already on the
 * phone into the outbox: they were made before sync existed and have never been sent.
 */
export const SCHEMA_V3 = {
  visits: 'id, householdId, visitedAt, *personIds',
  outbox: 'id, status, [status+stamp], householdId, entityId',
  syncState: 'key',
};

/**
 * Version 4 adds the lead's tallies, each household's share of them, the keys the follow-up list
 * finds it by with what it sorts by (separate tables: the household rows stay as the server knows them), the
 * basis they were kept with, and the households saved since they were counted. A phone that had records has no basis yet: the first lead screen
 * builds the tallies from its records (ensureTallies), and a member's phone never pays for them.
 */
export const SCHEMA_V4 = {
  tallies: 'key, communeCode',
  householdFacts: 'householdId',
  followUps: 'householdId, *keys',
  tallyBasis: 'key',
  tallyDirty: 'householdId',
};

/**
 * Version 5 files each household once per follow-up key with its address rank in the key, so the
 * follow-up list reads keys only, in order, and the places of its first page. Built by the
 * rebuild the first lead screen makes (the tally rules name the filing, tally-basis.ts).
 */
export const SCHEMA_V5 = {
  followUpOrder: 'key, householdId',
};

/**
 * Version 6 files each household's follow-up keys a third time, address rank first, so the
 * follow-up list's first page is one bounded read per hamlet instead of every key of the list.
 * Its upgrade makes them from the order keys already on the phone.
 */
export const SCHEMA_V6 = {
  followUpRank: 'key, householdId, located',
};

export async function addFollowUpRanks(tx: Transaction): Promise<void> {
  const rows = await tx.table<FollowUpOrder, string>('followUpOrder').toArray();
  await tx.table<FollowUpRank, string>('followUpRank').bulkPut(rows.map((r) => ({ ...followUpRankRow(r.key), householdId: r.householdId })));
}

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
  db.version(3).stores(SCHEMA_V3).upgrade((tx) => enqueueExistingRecords(tx, Date.now()));
  db.version(4).stores(SCHEMA_V4);
  db.version(5).stores(SCHEMA_V5);
  db.version(6).stores(SCHEMA_V6).upgrade(addFollowUpRanks);
  // A new database starts with its (empty) tallies in step.
  db.on('populate', (tx) => tx.table<TallyBasis, string>('tallyBasis').add({ key: TALLY_BASIS_KEY, basis: basisOf(undefined), rules: TALLY_RULES }));
  return db;
}
