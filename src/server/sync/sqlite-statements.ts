// Every SQL statement the SQLite store runs, prepared once, with the row types they read.
import type { Database } from 'better-sqlite3';
import type { EntityKind } from '../../domain/sync-protocol';
import type { StoredWrite } from './records';

export type EntityRow = {
  entity: EntityKind;
  entity_id: string;
  commune_code: string;
  hamlet_code: string;
  household_id: string;
  record_json: string | null;
  complete: number;
  deleted: number;
  updated_by: string | null;
  seq: number;
};

export type MutationRow = {
  id: string;
  hash: string;
  status: 'applied' | 'rejected';
  reason: string | null;
  device_id: string;
  user_id: string;
  commune_code: string;
  received_at: string;
};

/** A row of field_writes: one field's write, as the history was kept before issue 6. */
type FieldWriteRow = {
  mutation_id: string;
  field: string;
  value_json: string;
  stamp: string;
  correction: number;
  user_id: string;
};

/** A row of mutation_writes: every field one mutation set. */
export type MutationWritesRow = {
  mutation_id: string;
  entity: EntityKind;
  entity_id: string;
  fields_json: string;
  stamp: string;
  correction: number;
  user_id: string;
  made_at: string;
};

/** The field writes a mutation made, one per field it set. */
export function writesOfMutation(
  fields: Record<string, unknown>,
  { mutationId, stamp, correction, userId }: Omit<StoredWrite, 'field' | 'value'>,
): StoredWrite[] {
  return Object.entries(fields).map(([field, value]) => ({ field, value, stamp, correction, userId, mutationId }));
}

type PullParams = { commune: string; after: number; hamlets: string | null; limit: number };

export type Statements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database) {
  const mutation = db.prepare<[string], Pick<MutationRow, 'hash' | 'status'>>('SELECT hash, status FROM mutations WHERE id = ?');
  const putMutation = db.prepare<[MutationRow]>(
    `INSERT INTO mutations (id, hash, status, reason, device_id, user_id, commune_code, received_at)
     VALUES (@id, @hash, @status, @reason, @device_id, @user_id, @commune_code, @received_at)
     ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, status = excluded.status, reason = excluded.reason,
       device_id = excluded.device_id, user_id = excluded.user_id, commune_code = excluded.commune_code,
       received_at = excluded.received_at`,
  );
  const entity = db.prepare<[EntityKind, string], EntityRow>('SELECT * FROM entities WHERE entity = ? AND entity_id = ?');
  const putEntity = db.prepare<[EntityRow]>(
    `INSERT INTO entities (entity, entity_id, commune_code, hamlet_code, household_id, record_json, complete, deleted, updated_by, seq)
     VALUES (@entity, @entity_id, @commune_code, @hamlet_code, @household_id, @record_json, @complete, @deleted, @updated_by, @seq)
     ON CONFLICT (entity, entity_id) DO UPDATE SET commune_code = excluded.commune_code, hamlet_code = excluded.hamlet_code,
       household_id = excluded.household_id, record_json = excluded.record_json, complete = excluded.complete,
       deleted = excluded.deleted, updated_by = excluded.updated_by, seq = excluded.seq`,
  );
  const membersOf = db.prepare<[string], EntityRow>(`SELECT * FROM entities WHERE household_id = ? AND entity != 'household'`);
  const erasedAmong = db.prepare<[string], { entity_id: string }>(
    `SELECT entity_id FROM entities WHERE entity = 'person' AND deleted = 1 AND entity_id IN (SELECT value FROM json_each(?))`,
  );
  const insertWrites = db.prepare<[MutationWritesRow]>(
    `INSERT INTO mutation_writes (mutation_id, entity, entity_id, fields_json, stamp, correction, user_id, made_at)
     VALUES (@mutation_id, @entity, @entity_id, @fields_json, @stamp, @correction, @user_id, @made_at)`,
  );
  const writesOf = db.prepare<[EntityKind, string], MutationWritesRow>('SELECT * FROM mutation_writes WHERE entity = ? AND entity_id = ?');
  const fieldWritesOf = db.prepare<[EntityKind, string], FieldWriteRow>('SELECT * FROM field_writes WHERE entity = ? AND entity_id = ?');
  const eraseWrites = db.prepare<[EntityKind, string]>('DELETE FROM mutation_writes WHERE entity = ? AND entity_id = ?');
  const eraseFieldWrites = db.prepare<[EntityKind, string]>('DELETE FROM field_writes WHERE entity = ? AND entity_id = ?');
  const saveLastSeq = db.prepare<[string]>(`UPDATE meta SET value = ? WHERE key = 'last_seq'`);
  const metaValue = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const changedAfter = db.prepare<[PullParams], EntityRow>(
    `SELECT * FROM entities
     WHERE commune_code = @commune AND seq > @after AND (complete = 1 OR deleted = 1)
       AND (@hamlets IS NULL OR hamlet_code IN (SELECT value FROM json_each(@hamlets)))
     ORDER BY seq LIMIT @limit`,
  );
  // Only the seqs, from the index: where the pages after this one will end.
  const seqsAfter = db.prepare<[PullParams & { offset: number }], { seq: number }>(
    `SELECT seq FROM entities
     WHERE commune_code = @commune AND seq > @after AND (complete = 1 OR deleted = 1)
       AND (@hamlets IS NULL OR hamlet_code IN (SELECT value FROM json_each(@hamlets)))
     ORDER BY seq LIMIT @limit OFFSET @offset`,
  );

  const completeIn = db.prepare<[string], Pick<EntityRow, 'entity' | 'record_json'>>(
    `SELECT entity, record_json FROM entities
     WHERE commune_code = ? AND complete = 1 AND deleted = 0 AND entity IN ('household', 'person')`,
  );

  const countsByHamlet = db.prepare<[{ commune: string; hamlets: string | null }], { hamlet_code: string; entity: EntityKind; n: number }>(
    `SELECT hamlet_code, entity, COUNT(*) AS n FROM entities
     WHERE commune_code = @commune AND deleted = 0 AND complete = 1
       AND (@hamlets IS NULL OR hamlet_code IN (SELECT value FROM json_each(@hamlets)))
     GROUP BY hamlet_code, entity`,
  );
  const appliedFrom = db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM mutations WHERE device_id = ? AND status = 'applied'`);

  // Sequence numbers are handed out from memory within a push and the last one saved once at
  // its end (one UPDATE a push instead of one a record). Numbers of a mutation rolled back to
  // its savepoint are skipped, which pulls do not mind.
  let lastSeq: number | undefined;
  const readLastSeq = () => Number(metaValue.get('last_seq')?.value ?? '0');

  return {
    completeIn: (communeCode: string) => completeIn.all(communeCode),
    countsByHamlet: (commune: string, hamlets: readonly string[] | null) =>
      countsByHamlet.all({ commune, hamlets: hamlets === null ? null : JSON.stringify(hamlets) }),
    appliedFrom: (deviceId: string) => appliedFrom.get(deviceId)?.n ?? 0,
    mutation: (id: string) => mutation.get(id),
    putMutation: (row: MutationRow) => void putMutation.run(row),
    entity: (kind: EntityKind, id: string) => entity.get(kind, id),
    putEntity: (row: EntityRow) => void putEntity.run(row),
    membersOf: (householdId: string) => membersOf.all(householdId),
    erasedAmong: (personIds: readonly string[]) => new Set(erasedAmong.all(JSON.stringify(personIds)).map((r) => r.entity_id)),
    insertWrites: (row: MutationWritesRow) => void insertWrites.run(row),
    /** Every field write of a record: those kept a row a field before issue 6, and since. */
    writesOf: (kind: EntityKind, id: string): StoredWrite[] => [
      ...fieldWritesOf.all(kind, id).map((r) => ({
        field: r.field,
        value: JSON.parse(r.value_json),
        stamp: r.stamp,
        correction: r.correction === 1,
        userId: r.user_id,
        mutationId: r.mutation_id,
      })),
      ...writesOf.all(kind, id).flatMap((r) =>
        writesOfMutation(JSON.parse(r.fields_json), { mutationId: r.mutation_id, stamp: r.stamp, correction: r.correction === 1, userId: r.user_id }),
      ),
    ],
    eraseWrites: (kind: EntityKind, id: string) => {
      eraseWrites.run(kind, id);
      eraseFieldWrites.run(kind, id);
    },
    /** Call inside the push's transaction, and endSeqs before it commits. */
    nextSeq: () => {
      lastSeq = (lastSeq ?? readLastSeq()) + 1;
      return lastSeq;
    },
    endSeqs: () => {
      if (lastSeq !== undefined) saveLastSeq.run(String(lastSeq));
      lastSeq = undefined;
    },
    metaValue: (key: string) => metaValue.get(key)?.value,
    changedAfter: (params: PullParams) => changedAfter.all(params),
    seqsAfter: (params: PullParams & { offset: number }) => seqsAfter.all(params).map((r) => r.seq),
  };
}
