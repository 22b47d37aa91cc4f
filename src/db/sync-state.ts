// The sync bookkeeping in the `syncState` table (one row): the device id, the last stamp issued,
// the clock offset to the server, the pull cursor, the last sync's outcome, the confirmed count.
import type { Table } from 'dexie';
import { formatStamp, nextStamp, parseStamp } from '../domain/clock';
import type { NgoSoDb, SyncState } from './database';

export const SYNC_STATE_KEY = 'sync';

/**
 * A push batch starts small (a 2G link) and earns its size. Counted as version 1 JSON: 256 KB
 * of mutations are ~6 KB gzipped in version 2 (half a second at 2G), where 64 KB of version 1
 * were ~4 KB; starting lower cost a fresh phone two more round trips before a full batch.
 */
export const INITIAL_PUSH_TARGET_BYTES = 256 * 1024;

export function freshSyncState(deviceId: string): SyncState {
  return { key: SYNC_STATE_KEY, deviceId, clockOffsetMs: 0, confirmedCount: 0, pushTargetBytes: INITIAL_PUSH_TARGET_BYTES };
}

/** The row, made with a new device id the first time. Call inside a read-write transaction. */
export async function loadOrCreateSyncState(table: Table<SyncState, string>): Promise<SyncState> {
  const found = await table.get(SYNC_STATE_KEY);
  if (found !== undefined) return found;
  const created = freshSyncState(crypto.randomUUID());
  await table.add(created);
  return created;
}

/** The row as it is, for screens (no write: safe inside liveQuery). */
export async function readSyncState(db: NgoSoDb): Promise<SyncState | undefined> {
  return db.syncState.get(SYNC_STATE_KEY);
}

export async function ensureSyncState(db: NgoSoDb): Promise<SyncState> {
  return db.transaction('rw', db.syncState, () => loadOrCreateSyncState(db.syncState));
}

export async function updateSyncState(db: NgoSoDb, change: (s: SyncState) => Partial<SyncState>): Promise<SyncState> {
  return db.transaction('rw', db.syncState, async () => {
    const state = await loadOrCreateSyncState(db.syncState);
    const next = { ...state, ...change(state), key: SYNC_STATE_KEY };
    await db.syncState.put(next);
    return next;
  });
}

/**
 * Stamps for `count` changes made at `nowMs`, each after the last one issued, and the state that
 * records the last of them. `nowMs` is the time the change's records carry: the phone's clock
 * already corrected by the measured offset by the screen that saves (correctedNow, once — a
 * second correction here put a phone's stamps twice its error away). Pure: a caller that read
 * the row writes `state` back in its own transaction.
 */
export function stampsAfter(state: SyncState, nowMs: number, count: number): { stamps: string[]; state: SyncState } {
  let last = state.lastStamp === undefined ? undefined : parseStamp(state.lastStamp);
  const at = Number.isFinite(nowMs) ? Math.max(0, nowMs) : 0;
  const stamps: string[] = [];
  for (let i = 0; i < count; i++) {
    last = nextStamp(last, at, state.deviceId);
    stamps.push(formatStamp(last));
  }
  return { stamps, state: last === undefined || count === 0 ? state : { ...state, lastStamp: formatStamp(last) } };
}

/**
 * Stamps for `count` changes made at `nowMs` (see stampsAfter); the last is persisted. Call
 * inside a read-write transaction over the table.
 */
export async function issueStamps(table: Table<SyncState, string>, nowMs: number, count: number): Promise<string[]> {
  const issued = stampsAfter(await loadOrCreateSyncState(table), nowMs, count);
  if (count > 0) await table.put(issued.state);
  return issued.stamps;
}
