// The bench commune put on the server the way a phone puts it there: recorded household by
// household on a Node phone (fake-indexeddb, the real saveHousehold), then pushed by the sync
// engine's own push (pushAll: batches, gzip, retries) with a device token from a real sign-in.
// Not syncNow: its pull would bring the 50,000 records back into fake-indexeddb, which took
// minutes and tells nothing. The browser then pulls them like any phone.
import 'fake-indexeddb/auto';
import { openDatabase } from '../../src/db/database';
import type { SignInResponse } from '../../src/domain/accounts';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { outboxSummary } from '../../src/db/outbox-status';
import { ensureSyncState } from '../../src/db/sync-state';
import { DEFAULT_RETRY } from '../../src/sync/backoff';
import type { SyncContext } from '../../src/sync/context';
import { pushAll } from '../../src/sync/push';
import { createTransport } from '../../src/sync/transport';
import { benchCommune, recordCommune } from './commune';

export type SeedFigures = { households: number; people: number; recordMs: number; pushMs: number; mutations: number };

/** A device token for a demo account, as the sign-in screen gets one. */
export async function signIn(origin: string, username: string, deviceName: string): Promise<SignInResponse> {
  const res = await fetch(`${origin}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceName }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as SignInResponse;
}

/** Records `count` bench households on a Node phone signed in as demo.member and syncs them to `origin`. */
export async function seedServer(origin: string, count: number, log: (line: string) => void): Promise<SeedFigures> {
  const commune = benchCommune(count);
  const signedIn = await signIn(origin, 'demo.member', 'Máy ghi dữ liệu của bench');
  const db = openDatabase(`ngo-so-bench-phone-${crypto.randomUUID()}`);
  try {
    let queued = 0;
    db.outbox.hook('creating', () => {
      queued++;
    });
    const recordStart = performance.now();
    await recordCommune(db, commune, {
      visitor: signedIn.account.displayName,
      onProgress: (n) => n % 2000 === 0 && log(`phone: recorded ${n}/${count} households on the Node phone`),
    });
    const recordMs = performance.now() - recordStart;
    const pushStart = performance.now();
    const state = await ensureSyncState(db);
    const ctx: SyncContext = {
      db,
      transport: createTransport({
        fetch: globalThis.fetch.bind(globalThis),
        baseUrl: origin,
        token: signedIn.token,
        userId: signedIn.account.displayName,
        deviceId: state.deviceId,
        timeoutMs: 120_000,
        now: Date.now,
        gzip: true,
      }),
      retry: DEFAULT_RETRY,
      random: Math.random,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      clock: {},
    };
    const pushed = await pushAll(ctx, { bytes: state.pushTargetBytes });
    const left = await outboxSummary(db);
    if (pushed.error !== undefined || left.pending + left.rejected > 0) {
      throw new Error(`the push left ${left.pending} pending and ${left.rejected} refused: ${pushed.error ?? 'no error'}`);
    }
    const pushMs = performance.now() - pushStart;
    return { households: commune.households.length, people: commune.people.length, recordMs: Math.round(recordMs), pushMs: Math.round(pushMs), mutations: queued };
  } finally {
    db.close();
  }
}
