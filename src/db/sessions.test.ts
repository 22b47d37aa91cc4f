import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { clear, entries, get, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, SignInResponse } from '../domain/accounts';
import { newHousehold } from '../domain/household';
import { accountDatabaseName, openAccountDatabase } from './account-data';
import { DB_NAME, openDatabase } from './database';
import { listDrafts, saveDraft, type HouseholdDraft } from './drafts';
import { MAX_PIN_TRIES, createSession, getSession, listSessions, saveAccount, sweepLeftovers, unlockSession, wipeAccount } from './sessions';

const NOW = new Date('2026-03-05T08:00:00.000Z');
const FAST = 1000;

const account = (userId: string, displayName: string): Account => ({
  userId,
  username: `demo.${userId}`,
  displayName,
  role: 'member',
  provinceCode: 'DEMO',
  communeCode: 'DEMO-XA',
  hamletCodes: null,
});
const signedIn = (userId: string, displayName: string): SignInResponse => ({
  token: `token-of-${userId}-secret`,
  deviceId: `device-${userId}`,
  account: account(userId, displayName),
  serverTime: NOW.toISOString(),
});
const draft = (id: string, headName: string): HouseholdDraft => ({
  household: { ...newHousehold({ id, communeCode: 'DEMO-XA', hamletCode: 'DEMO-T1', createdAt: NOW.toISOString() }), headName },
  people: [],
  notes: '',
  savedAt: NOW.toISOString(),
});

/** Records a household in the account's own database and a draft under its name. */
async function recordFor(userId: string, headName: string) {
  const db = openAccountDatabase(userId);
  await db.households.put({ ...draft(`h-${userId}`, headName).household, searchWords: [] });
  db.close();
  await saveDraft(userId, draft(`d-${userId}`, `${headName} (nháp)`));
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(DB_NAME)).sort();
}

async function householdNames(userId: string): Promise<string[]> {
  const db = openAccountDatabase(userId);
  const names = (await db.households.toArray()).map((h) => h.headName);
  db.close();
  return names;
}

beforeEach(async () => {
  await clear();
});
afterEach(async () => {
  for (const name of await databaseNames()) await Dexie.delete(name);
});

describe('sessions on a shared phone', () => {
  it('keeps the session with the token sealed: the token is nowhere in the stored value', async () => {
    await createSession({ response: signedIn('u1', 'Lò Văn Tổ'), pin: '2468', now: NOW, iterations: FAST });
    const stored = await entries();
    expect(stored).toHaveLength(1);
    const flat = JSON.stringify(stored, (_, v: unknown) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder('latin1').decode(v as ArrayBuffer) : v));
    expect(flat).not.toContain('token-of-u1-secret');
    expect(await getSession('u1')).toMatchObject({ account: account('u1', 'Lò Văn Tổ'), deviceId: 'device-u1', failedPins: 0 });
  });

  it('opens with the right PIN and gives back the token', async () => {
    await createSession({ response: signedIn('u1', 'Lò Văn Tổ'), pin: '2468', now: NOW, iterations: FAST });
    const later = new Date('2026-03-06T07:00:00.000Z');
    expect(await unlockSession('u1', '2468', later)).toMatchObject({ status: 'open', token: 'token-of-u1-secret', session: { lastUnlockedAt: later.toISOString() } });
  });

  it('counts wrong PINs, says how many tries are left, and a right PIN starts the count again', async () => {
    await createSession({ response: signedIn('u1', 'Lò Văn Tổ'), pin: '2468', now: NOW, iterations: FAST });
    expect(await unlockSession('u1', '1111', NOW)).toEqual({ status: 'wrong', triesLeft: 4 });
    expect((await getSession('u1'))?.failedPins).toBe(1);
    expect(await unlockSession('u1', '2222', NOW)).toEqual({ status: 'wrong', triesLeft: 3 });
    expect((await unlockSession('u1', '2468', NOW)).status).toBe('open');
    expect((await getSession('u1'))?.failedPins).toBe(0);
    expect(await unlockSession('u1', '1111', NOW)).toEqual({ status: 'wrong', triesLeft: 4 });
  });

  it(`forgets the session and wipes the account's data at the ${MAX_PIN_TRIES}th wrong PIN in a row, and only that account's`, async () => {
    await createSession({ response: signedIn('u1', 'Lò Văn Tổ'), pin: '2468', now: NOW, iterations: FAST });
    await createSession({ response: signedIn('u2', 'Hà Thị Lan'), pin: '1357', now: NOW, iterations: FAST });
    await recordFor('u1', 'Nguyễn Văn An');
    await recordFor('u2', 'Phạm Thị Hoa');

    const results = [];
    for (let i = 0; i < MAX_PIN_TRIES; i++) results.push(await unlockSession('u1', '0000', NOW));
    expect(results.map((r) => (r.status === 'wrong' ? r.triesLeft : r.status))).toEqual([4, 3, 2, 1, 'wiped']);

    expect(await getSession('u1')).toBeUndefined();
    expect(await unlockSession('u1', '2468', NOW)).toEqual({ status: 'missing' });
    expect(await databaseNames()).toEqual([accountDatabaseName('u2')]);
    expect(await listDrafts('u1')).toEqual([]);
    const left = JSON.stringify(await entries());
    expect(left).not.toContain('Nguyễn Văn An');
    // The other account on the phone keeps everything.
    expect((await listSessions()).map((s) => s.account.userId)).toEqual(['u2']);
    expect(await householdNames('u2')).toEqual(['Phạm Thị Hoa']);
    expect((await listDrafts('u2')).map((d) => d.household.headName)).toEqual(['Phạm Thị Hoa (nháp)']);
  });

  it('gives each account its own database and drafts', async () => {
    await recordFor('u1', 'Nguyễn Văn An');
    await recordFor('u2', 'Phạm Thị Hoa');
    expect(accountDatabaseName('u1')).not.toBe(accountDatabaseName('u2'));
    expect(await householdNames('u1')).toEqual(['Nguyễn Văn An']);
    expect(await householdNames('u2')).toEqual(['Phạm Thị Hoa']);
    expect((await listDrafts('u1')).map((d) => d.household.headName)).toEqual(['Nguyễn Văn An (nháp)']);
  });

  it('signing in again to an account on the phone (a forgotten PIN) keeps its records, under the new PIN', async () => {
    await createSession({ response: signedIn('u1', 'Lò Văn Tổ'), pin: '2468', now: NOW, iterations: FAST });
    await recordFor('u1', 'Nguyễn Văn An');
    await createSession({ response: { ...signedIn('u1', 'Lò Văn Tổ'), token: 'a-new-token' }, pin: '9999', now: NOW, iterations: FAST });
    expect(await unlockSession('u1', '2468', NOW)).toEqual({ status: 'wrong', triesLeft: 4 });
    expect(await unlockSession('u1', '9999', NOW)).toMatchObject({ status: 'open', token: 'a-new-token' });
    expect(await householdNames('u1')).toEqual(['Nguyễn Văn An']);
  });

  it('keeps the account as the server last described it', async () => {
    await createSession({ response: signedIn('u1', 'Lò Văn Tổ'), pin: '2468', now: NOW, iterations: FAST });
    await saveAccount({ ...account('u1', 'Lò Văn Tổ'), hamletCodes: ['DEMO-T1'] });
    expect((await getSession('u1'))?.account.hamletCodes).toEqual(['DEMO-T1']);
    await saveAccount(account('nobody', 'Không ai'));
    expect(await listSessions()).toHaveLength(1);
  });

  it('wipes on sign-out: database, drafts and session', async () => {
    await createSession({ response: signedIn('u1', 'Lò Văn Tổ'), pin: '2468', now: NOW, iterations: FAST });
    await recordFor('u1', 'Nguyễn Văn An');
    const open = openAccountDatabase('u1');
    await open.open();
    await wipeAccount('u1');
    expect(open.isOpen()).toBe(false);
    expect(await databaseNames()).toEqual([]);
    expect(await entries()).toEqual([]);
  });
});

describe('sweepLeftovers at start', () => {
  it('deletes the pre-accounts database, preferences and drafts, and data no session owns; keeps what is owned', async () => {
    const legacy = openDatabase(DB_NAME);
    await legacy.households.put({ ...draft('old', 'Dữ liệu mẫu cũ').household, searchWords: [] });
    legacy.close();
    await set('device-prefs', { teamMember: 'Lò Văn Tổ', communeCode: 'DEMO-XA', syncToken: 'ngo-so-demo' });
    await set('draft:household:old', draft('old', 'Dữ liệu mẫu cũ'));
    await recordFor('ghost', 'Người không còn tài khoản');
    await createSession({ response: signedIn('u1', 'Lò Văn Tổ'), pin: '2468', now: NOW, iterations: FAST });
    await recordFor('u1', 'Nguyễn Văn An');

    await sweepLeftovers();
    expect(await databaseNames()).toEqual([accountDatabaseName('u1')]);
    expect((await entries()).map(([k]) => String(k)).sort()).toEqual(['account:u1:draft:d-u1', 'session:u1']);
    expect(await householdNames('u1')).toEqual(['Nguyễn Văn An']);
  });

  it('finishes a wipe that was cut short', async () => {
    await createSession({ response: signedIn('u1', 'Lò Văn Tổ'), pin: '2468', now: NOW, iterations: FAST });
    await recordFor('u1', 'Nguyễn Văn An');
    const session = await get<object>('session:u1');
    await set('session:u1', { ...session, wiping: true });
    expect(await listSessions()).toEqual([]);
    await sweepLeftovers();
    expect(await databaseNames()).toEqual([]);
    expect(await entries()).toEqual([]);
  });
});
