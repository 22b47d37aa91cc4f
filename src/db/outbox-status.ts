// What the screens show about sync, read from the outbox and the sync state: how many changes
// wait, which households are only on this phone or refused, how many the server confirmed.
import type { NgoSoDb } from './database';
import { readSyncState } from './sync-state';

export type OutboxSummary = { pending: number; rejected: number };

export async function outboxSummary(db: NgoSoDb): Promise<OutboxSummary> {
  return db.transaction('r', db.outbox, async () => ({
    pending: await db.outbox.where('status').equals('pending').count(),
    rejected: await db.outbox.where('status').equals('rejected').count(),
  }));
}

/**
 * A household's state in lists: `local` — saved on this phone, not yet confirmed; `rejected` —
 * the server refused a change (with its reasons, distinct); `confirmed` — nothing waits.
 * Refused wins over local: it needs the person's attention.
 */
export type HouseholdSync = { state: 'local' | 'confirmed' } | { state: 'rejected'; reasons: string[] };

export async function householdSyncStatus(db: NgoSoDb, householdIds: readonly string[]): Promise<Map<string, HouseholdSync>> {
  const rows = await db.outbox.where('householdId').anyOf([...householdIds]).toArray();
  const status = new Map<string, HouseholdSync>(householdIds.map((id) => [id, { state: 'confirmed' }]));
  for (const row of rows) {
    const now = status.get(row.householdId);
    if (row.status === 'rejected') {
      const reasons = now?.state === 'rejected' ? now.reasons : [];
      const reason = row.reason ?? '';
      status.set(row.householdId, { state: 'rejected', reasons: reasons.includes(reason) ? reasons : [...reasons, reason] });
    } else if (now?.state !== 'rejected') {
      status.set(row.householdId, { state: 'local' });
    }
  }
  return status;
}

/** "N bản ghi đã được máy chủ xác nhận": every acknowledged mutation, ever, on this phone. */
export async function confirmedCount(db: NgoSoDb): Promise<number> {
  return (await readSyncState(db))?.confirmedCount ?? 0;
}
