// The sync engine: one syncNow() pushes every pending change, then pulls others' changes, and
// records the outcome in the sync state (last attempt, last success, last error in words,
// clock offset, batch size). Never two syncs at once, on this page or — where the browser has
// Web Locks — across tabs and the service worker.
import type { NgoSoDb } from '../db/database';
import { outboxSummary } from '../db/outbox-status';
import { ensureSyncState, updateSyncState } from '../db/sync-state';
import { DEFAULT_RETRY, type RetryPolicy } from './backoff';
import type { SyncContext } from './context';
import { SYNC_MESSAGES as T } from './messages';
import { pullAll } from './pull';
import { pushAll } from './push';
import { createTransport } from './transport';

export type SyncEngineOptions = {
  db: NgoSoDb;
  /** Where the commune's server is; '' for the origin the app came from. */
  baseUrl: string;
  token: string;
  /** The team member's name, sent URI-encoded in X-User and shown as "cập nhật bởi …". */
  userId: string;
  fetch?: typeof fetch;
  /** The phone's clock, in ms. */
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  pullPageSize?: number;
  gzip?: boolean;
};

export type SyncReport = {
  ok: boolean;
  /** Mutations the server acknowledged in this sync. */
  confirmed: number;
  /** Mutations refused (by the server, or set aside by the phone) in this sync. */
  rejected: number;
  /** Records pulled and applied; `skipped` could not be read. */
  pulled: number;
  skipped: number;
  /** Still waiting in the outbox afterwards. */
  pending: number;
  error?: string;
  /** Present (true) when the server said the token was revoked: the app must wipe this account's data at once. */
  revoked?: true;
};

export type SyncEngine = {
  /** Runs a sync, or joins the one already running. Never rejects: failures are in the report. */
  syncNow(): Promise<SyncReport>;
  isSyncing(): boolean;
};

export const DEFAULT_TIMEOUT_MS = 30_000;
/** One sync at a time per database (each account has its own). */
const lockName = (db: NgoSoDb) => `ngo-so-sync:${db.name}`;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Holds the Web Lock while `run` runs, where the runtime has one (browsers); runs as is otherwise. */
async function withDeviceLock<T>(name: string, run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'object' && navigator !== null && 'locks' in navigator ? navigator.locks : undefined;
  return locks === undefined ? run() : await locks.request(name, run);
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db } = options;
  const now = options.now ?? Date.now;
  const iso = (ms: number) => new Date(ms).toISOString();
  let running: Promise<SyncReport> | undefined;

  async function run(): Promise<SyncReport> {
    const report: SyncReport = { ok: false, confirmed: 0, rejected: 0, pulled: 0, skipped: 0, pending: 0 };
    if (options.userId.trim() === '') {
      await updateSyncState(db, () => ({ lastAttemptAt: iso(now()), lastError: T.noUser, lastErrorAt: iso(now()) }));
      return { ...report, pending: (await outboxSummary(db)).pending, error: T.noUser };
    }
    const state = await ensureSyncState(db);
    await updateSyncState(db, () => ({ lastAttemptAt: iso(now()) }));
    const target = { bytes: state.pushTargetBytes };
    const ctx: SyncContext = {
      db,
      transport: createTransport({
        fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
        baseUrl: options.baseUrl,
        token: options.token,
        userId: options.userId,
        deviceId: state.deviceId,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        now,
        gzip: options.gzip ?? true,
      }),
      retry: { ...DEFAULT_RETRY, ...options.retry },
      random: options.random ?? Math.random,
      sleep: options.sleep ?? wait,
      clock: {},
    };

    let error: string | undefined;
    try {
      const pushed = await pushAll(ctx, target);
      report.confirmed = pushed.confirmed;
      report.rejected = pushed.rejected;
      error = pushed.error;
      // Pull only after a complete push: what the server then sends already includes this
      // phone's changes, so laying pending fields over it cannot hide the merged result.
      if (error === undefined) {
        const pulled = await pullAll(ctx, await ensureSyncState(db), options.pullPageSize);
        report.pulled = pulled.applied;
        report.skipped = pulled.skipped;
        error = pulled.error;
      }
    } catch (thrown) {
      error = T.unexpected(thrown instanceof Error ? thrown.message : String(thrown));
    }

    const finishedAt = iso(now());
    const offset = ctx.clock.best?.offsetMs;
    await updateSyncState(db, () => ({
      pushTargetBytes: target.bytes,
      ...(offset === undefined ? {} : { clockOffsetMs: offset }),
      ...(error === undefined ? { lastSuccessAt: finishedAt, lastError: undefined, lastErrorAt: undefined } : { lastError: error, lastErrorAt: finishedAt }),
    }));
    report.pending = (await outboxSummary(db)).pending;
    report.ok = error === undefined;
    if (ctx.revoked) return { ...report, error: error ?? T.revoked, revoked: true };
    return error === undefined ? report : { ...report, error };
  }

  return {
    syncNow() {
      running ??= withDeviceLock(lockName(db), run)
        .catch((thrown: unknown) => {
          const error = T.unexpected(thrown instanceof Error ? thrown.message : String(thrown));
          return { ok: false, confirmed: 0, rejected: 0, pulled: 0, skipped: 0, pending: 0, error };
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    isSyncing: () => running !== undefined,
  };
}
