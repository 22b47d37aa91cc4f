// How worried the phone should be about its unsent records. Browsers may clear the storage of
// sites not used for a while (Safari after seven days), so unsent records on a phone that has
// not synced for days must be said loudly.

export const STALE_AFTER_DAYS = 3;
const DAY_MS = 86_400_000;

export type SyncHealth =
  | { level: 'ok' }
  | { level: 'waiting'; pending: number }
  | { level: 'stale'; pending: number; daysSinceSync: number | null };

export function syncHealth(input: { pending: number; lastSuccessAt: string | null; nowMs: number }): SyncHealth {
  const { pending, lastSuccessAt, nowMs } = input;
  if (pending === 0) return { level: 'ok' };
  const last = lastSuccessAt === null ? Number.NaN : Date.parse(lastSuccessAt);
  const days = Number.isNaN(last) ? null : Math.floor((nowMs - last) / DAY_MS);
  if (days === null || days >= STALE_AFTER_DAYS) return { level: 'stale', pending, daysSinceSync: days };
  return { level: 'waiting', pending };
}
