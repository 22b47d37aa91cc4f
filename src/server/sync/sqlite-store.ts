// The sync store in one SQLite file (DATA_DIR/ngo-so.sqlite): every mutation received, every
// field write, and each record as served now. A push is one transaction, a savepoint per mutation.
// The same file holds areas, accounts and devices (accounts/sqlite-accounts.ts).
import Database from 'better-sqlite3';
import { Household } from '../../domain/household';
import { Person } from '../../domain/person';
import { mutationProblem, type EntityKind, type Mutation, type MutationResult, type SyncedRecord } from '../../domain/sync-protocol';
import { logError } from '../log';
import { clampInOrder, contentHash, scopeProblem, stampProblem, type Known } from './checks';
import { applyChecked } from './sqlite-apply';
import { configure, forgetOldVersions, migrate } from './sqlite-schema';
import { prepareStatements, type EntityRow } from './sqlite-statements';
import type { Caller, PullPage, Scope, SyncStore } from './store';

export const DATABASE_FILE = 'ngo-so.sqlite';

const ID_TAKEN = 'Mã của thay đổi này đã được dùng cho một thay đổi khác; hãy gửi lại thay đổi dưới một mã mới';
const SERVER_FAULT = 'Máy chủ gặp lỗi khi lưu thay đổi này; hãy gửi lại sau';

const placed = (row: EntityRow | undefined) =>
  row === undefined ? undefined : { communeCode: row.commune_code, hamletCode: row.hamlet_code, householdId: row.household_id };

function toSynced(row: EntityRow): SyncedRecord {
  if (row.deleted === 1 || row.record_json === null) return { entity: row.entity, id: row.entity_id, deleted: true };
  return { entity: row.entity, id: row.entity_id, deleted: false, record: JSON.parse(row.record_json), updatedBy: row.updated_by ?? '' };
}

/** Opens (creating or upgrading) the server's SQLite file; ':memory:' keeps nothing. */
export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  try {
    configure(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Opens (creating or upgrading) the store in `file`; closing the store closes the file. */
export function openSqliteStore(file: string): SyncStore {
  const db = openDatabase(file);
  const store = sqliteSyncStore(db);
  return {
    ...store,
    close: async () => {
      db.close();
    },
  };
}

/** The sync store on an open database, which its owner closes (its own close does nothing). */
export function sqliteSyncStore(db: Database.Database): SyncStore {
  const s = prepareStatements(db);
  const databaseId = s.metaValue('database_id') ?? '';
  let lastClampMs = 0;

  function applyOne(caller: Caller, m: Mutation, nowMs: number): MutationResult {
    const hash = contentHash(m);
    const prior = s.mutation(m.id);
    if (prior?.status === 'applied') {
      return prior.hash === hash ? { id: m.id, status: 'duplicate' } : { id: m.id, status: 'rejected', reason: ID_TAKEN };
    }
    const record = (status: 'applied' | 'rejected', reason: string | null) =>
      s.putMutation({
        id: m.id,
        hash,
        status,
        reason,
        device_id: caller.deviceId,
        user_id: caller.userId,
        commune_code: m.communeCode,
        received_at: new Date(nowMs).toISOString(),
      });
    let reason = mutationProblem(m) ?? stampProblem(m);
    // Read once here for the checks and the apply: nothing of this mutation is written before.
    const stored = reason === undefined ? s.entity(m.entity, m.entityId) : undefined;
    const household = reason === undefined && m.entity !== 'household' ? s.entity('household', m.householdId) : undefined;
    const known: Known = { record: placed(stored), household: placed(household) };
    reason ??= scopeProblem(caller.scope, m, known);
    if (reason === undefined) {
      const clamped = clampInOrder(m.stamp, nowMs, lastClampMs);
      reason = applyChecked(s, { m, stamp: clamped.stamp, userId: caller.userId, stored, household });
      lastClampMs = clamped.lastClampMs;
    }
    record(reason === undefined ? 'applied' : 'rejected', reason ?? null);
    return reason === undefined ? { id: m.id, status: 'applied' } : { id: m.id, status: 'rejected', reason };
  }

  const applyInSavepoint = db.transaction(applyOne);
  const applyBatch = db.transaction((caller: Caller, mutations: readonly Mutation[], nowMs: number) => {
    try {
      return mutations.map((m): MutationResult => {
        try {
          return applyInSavepoint(caller, m, nowMs);
        } catch (error) {
          logError('a mutation could not be applied', error);
          return { id: m.id, status: 'rejected', reason: SERVER_FAULT };
        }
      });
    } finally {
      s.endSeqs();
    }
  });

  function pull(scope: Scope, afterSeq: number, limit: number, skip = 0): PullPage {
    const hamlets = scope.hamletCodes === null ? null : JSON.stringify(scope.hamletCodes);
    if (skip > 0) {
      const [fromSeq] = s.seqsAfter({ commune: scope.communeCode, after: afterSeq, hamlets, limit: 1, offset: skip - 1 });
      if (fromSeq === undefined) return { records: [], lastSeq: afterSeq, more: false };
      return { ...pull(scope, fromSeq, limit), fromSeq };
    }
    const rows = s.changedAfter({ commune: scope.communeCode, after: afterSeq, hamlets, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const more = rows.length > limit;
    // The last row of the next page and the first of the one after it, both there or no hint.
    const [aheadSeq, beyond] = more ? s.seqsAfter({ commune: scope.communeCode, after: afterSeq, hamlets, limit: 2, offset: 2 * limit - 1 }) : [];
    const ahead = aheadSeq !== undefined && beyond !== undefined ? { aheadSeq } : {};
    return { records: page.map(toSynced), lastSeq: page.at(-1)?.seq ?? afterSeq, more, ...ahead };
  }

  return {
    databaseId,
    push: async (caller, mutations, nowMs) => {
      const results = applyBatch.immediate(caller, mutations, nowMs);
      const erased = mutations.some((m, i) => m.op === 'delete' && results[i]?.status === 'applied');
      if (erased) forgetOldVersions(db);
      return results;
    },
    pull: async (scope, afterSeq, limit, skip) => pull(scope, afterSeq, limit, skip),
    completeRecords: async (communeCode) => {
      const households: Household[] = [];
      const people: Person[] = [];
      for (const row of s.completeIn(communeCode)) {
        const json: unknown = JSON.parse(row.record_json ?? 'null');
        if (row.entity === 'household') {
          const parsed = Household.safeParse(json);
          if (parsed.success) households.push(parsed.data);
        } else if (row.entity === 'person') {
          const parsed = Person.safeParse(json);
          if (parsed.success) people.push(parsed.data);
        }
      }
      return { households, people };
    },
    countsInScope: async (scope) => {
      const counts: Record<string, Record<EntityKind, number>> = {};
      for (const row of s.countsByHamlet(scope.communeCode, scope.hamletCodes)) {
        const hamlet = (counts[row.hamlet_code] ??= { household: 0, person: 0, visit: 0 });
        hamlet[row.entity] = row.n;
      }
      return counts;
    },
    appliedFromDevice: async (deviceId) => s.appliedFrom(deviceId),
    close: async () => {},
  };
}
