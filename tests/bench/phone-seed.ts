// The bench commune put on the server the way a phone puts it there: recorded household by
// household on a Node phone (fake-indexeddb, the real saveHousehold), then pushed by the real
// sync engine with a device token from a real sign-in. The browser then pulls it like any phone.
import 'fake-indexeddb/auto';
import { openDatabase } from '../../src/db/database';
import { saveHousehold } from '../../src/db/households';
import type { SignInResponse } from '../../src/domain/accounts';
import type { Person } from '../../src/domain/person';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { phoneOn, syncUntilSent } from '../support/phones';
import { benchCommune } from './commune';

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
  const { households, people } = benchCommune(count);
  const peopleOf = new Map<string, Person[]>();
  for (const p of people) peopleOf.set(p.householdId, [...(peopleOf.get(p.householdId) ?? []), p]);
  const signedIn = await signIn(origin, 'demo.member', 'Máy ghi dữ liệu của bench');
  const db = openDatabase(`ngo-so-bench-phone-${crypto.randomUUID()}`);
  try {
    const phone = phoneOn(db, signedIn.account.displayName, { baseUrl: origin, token: signedIn.token });
    const recordStart = performance.now();
    // A visit every half minute, as a day of door-to-door work spreads them.
    const start = Date.UTC(2026, 10, 20, 1, 0, 0);
    for (const [i, household] of households.entries()) {
      const now = new Date(start + i * 30_000).toISOString();
      await saveHousehold(db, { household, people: peopleOf.get(household.id) ?? [], visitId: `v-${household.id}`, visitor: signedIn.account.displayName, notes: '', now });
      if ((i + 1) % 2000 === 0) log(`phone: recorded ${i + 1}/${count} households on the Node phone`);
    }
    const recordMs = performance.now() - recordStart;
    const pushStart = performance.now();
    await syncUntilSent(phone, 5);
    const pushMs = performance.now() - pushStart;
    return { households: households.length, people: people.length, recordMs: Math.round(recordMs), pushMs: Math.round(pushMs), mutations: phone.queued.size };
  } finally {
    db.close();
  }
}
