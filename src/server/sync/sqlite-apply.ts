// Applies one checked mutation to the SQLite tables: field writes and the rebuilt record for
// households and people, insert-only visits, and the erasure of a person who withdrew consent.
// Runs inside the caller's transaction; answers a reason when the change cannot be taken.
import type { Mutation } from '../../domain/sync-protocol';
import { Visit } from '../../domain/visit';
import { canonicalJson } from './checks';
import { buildRecord, peopleInVisit, scrubVisit } from './records';
import { writesOfMutation, type EntityRow, type Statements } from './sqlite-statements';

/**
 * A mutation that passed every check, with the stamp the server keeps for it, and the rows the
 * checks read: its record as stored, and its household (for a person or a visit).
 */
export type Checked = { m: Mutation; stamp: string; userId: string; stored: EntityRow | undefined; household: EntityRow | undefined };

export const ERASED_PERSON = 'Người này đã rút lại đồng ý: dữ liệu của họ đã bị xoá, máy chủ không nhận thêm thay đổi nào về họ';
const VISIT_CHANGED = 'Lượt hỗ trợ này đã có trên máy chủ với nội dung khác (lượt hỗ trợ không sửa được)';

/** Stores the row with the next seq, unless nothing a phone would see has changed. */
function putIfChanged(s: Statements, stored: EntityRow | undefined, next: Omit<EntityRow, 'seq'>): boolean {
  const same =
    stored !== undefined &&
    stored.record_json === next.record_json &&
    stored.complete === next.complete &&
    stored.deleted === next.deleted &&
    stored.updated_by === next.updated_by &&
    stored.hamlet_code === next.hamlet_code &&
    stored.household_id === next.household_id;
  if (same) return false;
  s.putEntity({ ...next, seq: s.nextSeq() });
  return true;
}

/** People and visits follow their household's hamlet, so hamlet scopes see them where it is. */
function moveMembers(s: Statements, householdId: string, hamletCode: string): void {
  for (const member of s.membersOf(householdId)) {
    if (member.hamlet_code !== hamletCode) putIfChanged(s, member, { ...member, hamlet_code: hamletCode });
  }
}

function upsertFields(s: Statements, { m, stamp, userId, stored, household }: Checked, entity: 'household' | 'person'): string | undefined {
  if (stored?.deleted === 1) return ERASED_PERSON;
  const correction = m.correction === true;
  if (Object.keys(m.fields).length > 0) {
    s.insertWrites({
      mutation_id: m.id,
      entity,
      entity_id: m.entityId,
      fields_json: JSON.stringify(m.fields),
      stamp,
      correction: correction ? 1 : 0,
      user_id: userId,
      made_at: m.madeAt,
    });
  }
  // A record the server does not have yet has no writes but these (its writes and its row are
  // stored together), so reading them back is only needed for a record it has.
  const writes =
    stored === undefined ? writesOfMutation(m.fields, { mutationId: m.id, stamp, correction, userId }) : s.writesOf(entity, m.entityId);
  if (writes.length === 0) return undefined;
  const built = buildRecord(entity, m.entityId, writes);
  const ownHamlet = typeof built.record.hamletCode === 'string' ? built.record.hamletCode : undefined;
  const hamletCode = (entity === 'household' ? ownHamlet : household?.hamlet_code) ?? stored?.hamlet_code ?? m.hamletCode;
  putIfChanged(s, stored, {
    entity,
    entity_id: m.entityId,
    commune_code: m.communeCode,
    hamlet_code: hamletCode,
    household_id: entity === 'household' ? m.entityId : m.householdId,
    record_json: JSON.stringify(built.record),
    complete: built.complete ? 1 : 0,
    deleted: 0,
    updated_by: built.updatedBy,
  });
  if (entity === 'household') moveMembers(s, m.entityId, hamletCode);
  return undefined;
}

function visitProblem(error: { issues: readonly { path: readonly PropertyKey[] }[] }): string {
  const field = error.issues[0]?.path.map(String).join('.') ?? '';
  return `Lượt hỗ trợ thiếu hoặc sai trường: ${field || '(không rõ)'}`;
}

function insertVisit(s: Statements, { m, userId, stored, household }: Checked): string | undefined {
  const parsed = Visit.safeParse({ ...m.fields, id: m.entityId });
  if (!parsed.success) return visitProblem(parsed.error);
  const visit = scrubVisit(parsed.data, s.erasedAmong(peopleInVisit(parsed.data)));
  if (stored !== undefined) {
    const same = stored.record_json !== null && canonicalJson(JSON.parse(stored.record_json)) === canonicalJson(visit);
    return same ? undefined : VISIT_CHANGED;
  }
  s.putEntity({
    entity: 'visit',
    entity_id: m.entityId,
    commune_code: m.communeCode,
    hamlet_code: household?.hamlet_code ?? m.hamletCode,
    household_id: m.householdId,
    record_json: JSON.stringify(visit),
    complete: 1,
    deleted: 0,
    updated_by: userId,
    seq: s.nextSeq(),
  });
  return undefined;
}

/** Erases a person: their writes and record go, a tombstone stays, visits forget them. */
function erasePerson(s: Statements, { m, stored, household }: Checked): undefined {
  if (stored?.deleted === 1) return undefined;
  s.eraseWrites('person', m.entityId);
  s.putEntity({
    entity: 'person',
    entity_id: m.entityId,
    commune_code: m.communeCode,
    hamlet_code: household?.hamlet_code ?? stored?.hamlet_code ?? m.hamletCode,
    household_id: stored?.household_id ?? m.householdId,
    record_json: null,
    complete: 0,
    deleted: 1,
    updated_by: null,
    seq: s.nextSeq(),
  });
  const erased = new Set([m.entityId]);
  for (const row of s.membersOf(stored?.household_id ?? m.householdId)) {
    if (row.entity !== 'visit' || row.record_json === null) continue;
    const visit = Visit.parse(JSON.parse(row.record_json));
    const scrubbed = scrubVisit(visit, erased);
    putIfChanged(s, row, { ...row, record_json: JSON.stringify(scrubbed) });
  }
  return undefined;
}

export function applyChecked(s: Statements, checked: Checked): string | undefined {
  const { m } = checked;
  if (m.op === 'delete') return erasePerson(s, checked);
  if (m.entity === 'visit') return insertVisit(s, checked);
  return upsertFields(s, checked, m.entity);
}
