// Writes an imported household list (see docs/import-template.md) into `households` and the
// `outbox` in one transaction: every household with its mutation, or none.
import { Household } from '../domain/household';
import { errorText, householdKey, importedHousehold, type ImportedHousehold } from '../domain/import-rows';
import type { NgoSoDb } from './database';
import { indexed } from './households';
import { householdDrafts } from './mutations';
import { enqueue } from './outbox';
import { keepTalliesInStep, tallyTables } from './tallies';
import { talliesInStep } from './tally-basis';

export type ImportOutcome = { ok: true; imported: number } | { ok: false; problems: string[] };

const M = {
  nothing: 'Không có hộ mới nào để nhập.',
  already: (name: string) => `Hộ “${name}” đã có trên máy (có thể vừa đồng bộ về): hãy chọn lại tệp để xem trước lần nữa`,
  twice: (row: number) => `Hộ này trùng với hộ ở dòng ${row} trong cùng lần nhập`,
};

/**
 * Imports the households of a checked list (householdsToImport) as new records with no visit:
 * nobody went to the house yet. Refused as a whole, with nothing written, when a household is
 * invalid, repeated, or already on the phone — checked again inside the transaction, since a
 * sync may have brought one since the preview. If a write fails, the transaction is undone and
 * the error is thrown: nothing is written then either.
 */
export async function importHouseholds(
  db: NgoSoDb,
  input: { households: readonly ImportedHousehold[]; communeCode: string; visitor: string; now: string; newId?: () => string },
): Promise<ImportOutcome> {
  const { communeCode, visitor, now, newId = () => crypto.randomUUID() } = input;
  if (input.households.length === 0) return { ok: false, problems: [M.nothing] };
  const records = input.households.map((h) => ({ row: h.rows[0] ?? null, household: importedHousehold(h, { id: newId(), communeCode, now }), existingId: h.existingId }));

  const problems: string[] = [];
  const firstRow = new Map<string, number | null>();
  for (const { row, household, existingId } of records) {
    const parsed = Household.safeParse(household);
    if (!parsed.success) problems.push(errorText({ row, message: parsed.error.issues[0]?.message ?? '' }));
    if (existingId !== undefined) problems.push(errorText({ row, message: M.already(household.headName) }));
    const key = householdKey(household);
    const earlier = firstRow.get(key);
    if (earlier !== undefined) problems.push(errorText({ row, message: M.twice(earlier ?? 0) }));
    else firstRow.set(key, row);
  }
  if (problems.length > 0) return { ok: false, problems };

  return db.transaction('rw', [db.households, db.people, db.outbox, db.syncState, ...tallyTables(db)], async () => {
    const inStep = await talliesInStep(db);
    const stored = await db.households.where('communeCode').equals(communeCode).toArray();
    const storedKeys = new Set(stored.map(householdKey));
    const clashes = records.filter((r) => storedKeys.has(householdKey(r.household)));
    if (clashes.length > 0) return { ok: false, problems: clashes.map((r) => errorText({ row: r.row, message: M.already(r.household.headName) })) };
    // What saveHousehold writes for a new household with no people, in bulk: a commune's list
    // (thousands of households) one by one took 10–15 s on a desktop Chromium.
    const households = records.map((r) => Household.parse(r.household));
    await db.households.bulkAdd(households.map((h) => indexed(h, [], visitor)));
    await enqueue(db, households.flatMap((h) => householdDrafts(undefined, h)), now);
    await keepTalliesInStep(db, inStep, households.map((h) => h.id));
    return { ok: true, imported: households.length };
  });
}
