// Phones for the integration tests — each a Dexie database in fake-indexeddb driven by the real
// sync engine, noting every mutation id it ever queued — and a read-only look at what the
// server's SQLite file holds, to compare the two.
import 'fake-indexeddb/auto';
import Database from 'better-sqlite3';
import { openDatabase, type NgoSoDb, type StoredHousehold, type StoredPerson } from '../../src/db/database';
import type { Visit } from '../../src/domain/visit';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions, type SyncReport } from '../../src/sync/engine';

export type Phone = {
  db: NgoSoDb;
  sync: SyncEngine;
  userId: string;
  /** Every mutation id this phone put in its outbox, ever (acknowledged rows leave the outbox). */
  queued: Set<string>;
  /** Every sync's report, in order. */
  reports: SyncReport[];
};

export type PhoneOptions = Omit<SyncEngineOptions, 'db' | 'userId' | 'token'> & { token?: string };

/** A phone on a database that already exists (an older version's, say), or a fresh one. */
export function phoneOn(db: NgoSoDb, userId: string, options: PhoneOptions): Phone {
  const queued = new Set<string>();
  db.outbox.hook('creating', (_key, row) => {
    queued.add(row.id);
  });
  const sync = createSyncEngine({ db, userId, token: 'ngo-so-demo', ...options });
  return { db, sync, userId, queued, reports: [] };
}

export function freshPhone(userId: string, options: PhoneOptions): Phone {
  return phoneOn(openDatabase(`ngo-so-it-${crypto.randomUUID()}`), userId, options);
}

export async function pendingCount(phones: readonly Phone[]): Promise<number> {
  const counts = await Promise.all(phones.map((p) => p.db.outbox.where('status').equals('pending').count()));
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Syncs until a sync succeeds with nothing left to send and `finished()` held before it began
 * (the phone's person may still be recording while it syncs); gives up after `maxRounds`.
 */
export async function syncUntilSent(phone: Phone, maxRounds: number, finished: () => boolean = () => true): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    const last = finished();
    const report = await phone.sync.syncNow();
    phone.reports.push(report);
    if (last && report.ok && report.pending === 0) return;
    // As the app's interval would: a moment before the next try after a failed sync.
    if (!report.ok) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const last = phone.reports.at(-1);
  throw new Error(`${phone.userId}: still ${last?.pending ?? '?'} unsent after ${maxRounds} syncs (last error: ${last?.error ?? 'none'})`);
}

export type PhoneRecords = { households: StoredHousehold[]; people: StoredPerson[]; visits: Visit[] };

const byId = <T extends { id: string }>(rows: Iterable<T>): T[] => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Records sorted by id, ready to compare. A household's search words are an index: their order means nothing. */
export function comparable(records: PhoneRecords): PhoneRecords {
  return {
    households: byId(records.households).map((h) => ({ ...h, searchWords: [...h.searchWords].sort() })),
    people: byId(records.people),
    visits: byId(records.visits),
  };
}

export async function phoneRecords(db: NgoSoDb): Promise<PhoneRecords> {
  return db.transaction('r', db.households, db.people, db.visits, async () =>
    comparable({ households: await db.households.toArray(), people: await db.people.toArray(), visits: await db.visits.toArray() }),
  );
}

export type ServerContents = {
  /** Mutation ids by status. */
  applied: Set<string>;
  rejected: Map<string, string>;
  /** Live records by kind: id → household id. */
  records: Record<'household' | 'person' | 'visit', Map<string, string>>;
  deleted: number;
};

/** Opens the server's SQLite file read-only (the server stopped, or in WAL beside it). */
export function serverContents(file: string): ServerContents {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const mutations = sqlite.prepare<[], { id: string; status: string; reason: string | null }>('SELECT id, status, reason FROM mutations').all();
    const entities = sqlite
      .prepare<[], { entity: 'household' | 'person' | 'visit'; entity_id: string; household_id: string; deleted: number }>('SELECT entity, entity_id, household_id, deleted FROM entities')
      .all();
    const records: ServerContents['records'] = { household: new Map(), person: new Map(), visit: new Map() };
    for (const e of entities) if (e.deleted === 0) records[e.entity].set(e.entity_id, e.household_id);
    return {
      applied: new Set(mutations.filter((m) => m.status === 'applied').map((m) => m.id)),
      rejected: new Map(mutations.filter((m) => m.status === 'rejected').map((m) => [m.id, m.reason ?? ''])),
      records,
      deleted: entities.filter((e) => e.deleted === 1).length,
    };
  } finally {
    sqlite.close();
  }
}

/** How many of `visits` each household has. */
export function visitsPerHousehold(visits: Iterable<{ householdId: string }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of visits) counts.set(v.householdId, (counts.get(v.householdId) ?? 0) + 1);
  return counts;
}
