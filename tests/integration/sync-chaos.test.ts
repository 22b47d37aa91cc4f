// Issue 3's chaos test: two phones record 600 households each and sync them to the real server
// (its own process, a real SQLite file) through a link that drops requests, cuts them halfway,
// loses answers after the server applied them, replays and delays — while the phones go on
// recording, and while the server is killed with SIGKILL mid-push and started again on the same
// port and file. Every record must arrive exactly once, and a fresh phone must pull them all.
// The faults are seeded (CHAOS_SEED=… to replay a run); each phone draws its own stream.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredHousehold, StoredPerson } from '../../src/db/database';
import { getHousehold, saveHousehold } from '../../src/db/households';
import { confirmedCount } from '../../src/db/outbox-status';
import type { Household } from '../../src/domain/household';
import type { Person } from '../../src/domain/person';
import type { Visit } from '../../src/domain/visit';
import { DATABASE_FILE } from '../../src/server/sync/sqlite-store';
import { household, person, T0 } from '../../src/sync/testing/bench';
import { seededRandom, startFlakyProxy, type FlakyProxy, type FlakySettings } from '../support/flaky-proxy';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { comparable, freshPhone, pendingCount, phoneRecords, serverContents, syncUntilSent, visitsPerHousehold, type Phone } from '../support/phones';

const SEED = Number(process.env.CHAOS_SEED ?? 20_261_120);
const HOUSEHOLDS_PER_PHONE = 600;
/** Every fifth household is visited again while the phone syncs: updates, not only new records. */
const REVISIT_EVERY = 5;
const COMMUNE = 'X1';
const HAMLETS = ['T1', 'T2', 'T3', 'T4'];
const LINK: FlakySettings = { dropRequest: 0.08, cutMidRequest: 0.08, dropResponse: 0.15, replay: 0.15, maxDelayMs: 20 };
/** The share of queued mutations still unsent when the server is killed (at most). */
const KILL_WHEN_UNSENT = 0.6;
const MAX_SYNCS = 300;

let tmp = '';
let server: ServerProcess | undefined;
let proxy: FlakyProxy | undefined;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ngo-so-chaos-'));
  server = await startServerProcess({ dataDir: join(tmp, 'data'), env: { SYNC_COMMUNE: COMMUNE } });
  proxy = await startFlakyProxy({ upstreamPort: server.port, seed: SEED, streamOf: (req) => String(req.headers['x-user'] ?? '') });
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  await rm(tmp, { recursive: true, force: true });
});

const minutes = (n: number) => new Date(Date.parse(T0) + n * 60_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the phones made, as each stored it in the transaction of its save. */
const made = { households: new Map<string, StoredHousehold>(), people: new Map<string, StoredPerson>(), visits: new Array<Visit>() };

function phone(userId: string, index: number): Phone {
  if (proxy === undefined) throw new Error('no proxy');
  return freshPhone(userId, {
    baseUrl: proxy.url,
    fetch,
    random: seededRandom(SEED + index),
    retry: { baseMs: 5, capMs: 200, maxTries: 6 },
    timeoutMs: 15_000,
  });
}

/** Saves as the household form does, and notes what the phone stored, in the same transaction. */
async function save(p: Phone, h: Household, people: Person[], visitId: string, now: string, notes: string): Promise<void> {
  const { db } = p;
  await db.transaction('rw', [db.households, db.people, db.visits, db.outbox, db.syncState], async () => {
    await saveHousehold(db, { household: h, people, visitId, visitor: p.userId, notes, now });
    const stored = await db.households.get(h.id);
    const visit = await db.visits.get(visitId);
    if (stored === undefined || visit === undefined) throw new Error(`${h.id} was not saved`);
    made.households.set(h.id, stored);
    for (const x of await db.people.where('householdId').equals(h.id).toArray()) made.people.set(x.id, x);
    made.visits.push(visit);
  });
}

/** A new household with two or three people: four or five mutations. */
async function recordNew(p: Phone, prefix: string, i: number): Promise<void> {
  const id = `${prefix}-h${i}`;
  const people = Array.from({ length: 2 + (i % 2) }, (_, k) => person(`${id}-p${k}`, id, { birthYear: 1950 + ((i + k * 17) % 60) }));
  const h = household(id, { communeCode: COMMUNE, hamletCode: HAMLETS[i % HAMLETS.length] ?? 'T1', houseNumber: String(i + 1), headName: `Chủ hộ Lò Văn ${prefix}${i}` });
  await save(p, h, people, `${id}-v0`, minutes(i), i % 3 === 0 ? 'Hộ vắng chủ, gặp con dâu' : '');
}

/** A second visit: fibre installed, the first person's VNeID activated and a bank account opened. */
async function revisit(p: Phone, prefix: string, i: number): Promise<void> {
  const id = `${prefix}-h${i}`;
  const current = await getHousehold(p.db, id);
  if (current === undefined) throw new Error(`${id} is not on ${p.userId}'s phone`);
  const people = current.people.map((x, k) => (k === 0 ? { ...x, vneid: 'l1_active' as const, payment: 'bank' as const } : x));
  await save(p, { ...current.household, fiber: true }, people, `${id}-v1`, minutes(HOUSEHOLDS_PER_PHONE + i), 'Quay lại: đã kích hoạt VNeID mức 1');
}

/** Syncs over and over while the person revisits households, until all is sent. */
async function workAndSync(p: Phone, prefix: string): Promise<void> {
  let revisited = false;
  const revisiting = (async () => {
    for (let i = 0; i < HOUSEHOLDS_PER_PHONE; i += REVISIT_EVERY) {
      await revisit(p, prefix, i);
      await sleep(10);
    }
  })().finally(() => {
    revisited = true;
  });
  await Promise.all([syncUntilSent(p, MAX_SYNCS, () => revisited), revisiting]);
}

type Kill = { unsent: number; pushesAtServer: number; downMs: number };

/** Once enough has been sent, waits for a push to be at the server and kills it there; starts it again. */
async function killMidPush(phones: readonly Phone[], queued: number): Promise<Kill> {
  if (server === undefined || proxy === undefined) throw new Error('no server');
  for (;;) {
    const unsent = await pendingCount(phones);
    if (unsent === 0) throw new Error('everything was sent before the server could be killed');
    if (unsent <= queued * KILL_WHEN_UNSENT) break;
    await sleep(5);
  }
  while (proxy.inFlight('/api/sync/push') === 0) await new Promise((resolve) => setImmediate(resolve));
  const pushesAtServer = proxy.inFlight('/api/sync/push');
  const down = performance.now();
  await server.kill();
  // Nothing can be confirmed while it is down: what is pending now was unsent when it died (or
  // was recorded since, which the test allows for).
  const unsent = await pendingCount(phones);
  await sleep(300);
  await server.restart();
  return { unsent, pushesAtServer, downMs: Math.round(performance.now() - down) };
}

describe('sync through a flaky link and a server killed mid-push', () => {
  it('every record of two phones arrives exactly once, and a fresh phone pulls them all', async () => {
    if (server === undefined || proxy === undefined) throw new Error('no server');
    const started = performance.now();
    const lan = phone('Chị Lan', 1);
    const tu = phone('Anh Tú', 2);

    // Offline in the villages: each phone records its households.
    await Promise.all([lan, tu].map(async (p, n) => {
      for (let i = 0; i < HOUSEHOLDS_PER_PHONE; i++) await recordNew(p, n === 0 ? 'lan' : 'tu', i);
    }));
    const queued = lan.queued.size + tu.queued.size;
    expect(await pendingCount([lan, tu])).toBe(queued);

    // Back on a weak link: both sync while they go on working, and the server dies mid-push.
    proxy.set(LINK);
    const [kill] = await Promise.all([killMidPush([lan, tu], queued), workAndSync(lan, 'lan'), workAndSync(tu, 'tu')]);
    // Each then pulls what the other sent last.
    await syncUntilSent(lan, MAX_SYNCS);
    await syncUntilSent(tu, MAX_SYNCS);

    // A new phone joins the team and pulls everything, through the same link.
    const mai = phone('Chị Mai', 3);
    await syncUntilSent(mai, MAX_SYNCS);
    const seconds = (performance.now() - started) / 1000;

    // It cannot have passed without the faults it is about.
    const push = proxy.byPath.get('/api/sync/push');
    const pull = proxy.byPath.get('/api/sync/pull');
    expect(push?.lostOkAnswers).toBeGreaterThan(0);
    expect(push?.replays).toBeGreaterThan(0);
    expect(push?.droppedRequests).toBeGreaterThan(0);
    expect(push?.cutMidRequest).toBeGreaterThan(0);
    expect((pull?.droppedResponses ?? 0) + (pull?.droppedRequests ?? 0)).toBeGreaterThan(0);
    expect(proxy.counts.upstreamErrors).toBeGreaterThan(0);
    const mine = [...lan.queued, ...tu.queued];
    const recordedWhileSyncing = mine.length - queued;
    expect(kill.pushesAtServer).toBeGreaterThan(0);
    expect(kill.unsent).toBeGreaterThan(recordedWhileSyncing);
    expect(kill.unsent).toBeLessThan(queued);

    const expected = comparable({ households: [...made.households.values()], people: [...made.people.values()], visits: made.visits });
    expect(mine.length).toBe(new Set(mine).size);
    expect(expected.households).toHaveLength(2 * HOUSEHOLDS_PER_PHONE);
    expect(expected.visits).toHaveLength(2 * (HOUSEHOLDS_PER_PHONE + HOUSEHOLDS_PER_PHONE / REVISIT_EVERY));

    // The fresh phone, and both phones, hold exactly what was made.
    const onMai = await phoneRecords(mai.db);
    expect(onMai.households).toEqual(expected.households);
    expect(onMai.people).toEqual(expected.people);
    expect(onMai.visits).toEqual(expected.visits);
    expect(await phoneRecords(lan.db)).toEqual(onMai);
    expect(await phoneRecords(tu.db)).toEqual(onMai);
    expect(mai.queued.size).toBe(0);
    // "N bản ghi đã xác nhận" counts each change once, however often its answer was lost.
    expect([await confirmedCount(lan.db), await confirmedCount(tu.db)]).toEqual([lan.queued.size, tu.queued.size]);

    // The server's file: each mutation applied once, none refused, no record doubled or missing.
    await server.stop();
    const stored = serverContents(join(tmp, 'data', DATABASE_FILE));
    expect(stored.rejected).toEqual(new Map());
    expect(stored.applied.size).toBe(mine.length);
    expect(mine.filter((id) => !stored.applied.has(id))).toEqual([]);
    expect([...stored.records.household.keys()].sort()).toEqual(expected.households.map((h) => h.id));
    expect([...stored.records.person.keys()].sort()).toEqual(expected.people.map((x) => x.id));
    expect([...stored.records.visit.keys()].sort()).toEqual(expected.visits.map((v) => v.id));
    expect(visitsPerHousehold([...stored.records.visit.values()].map((householdId) => ({ householdId })))).toEqual(visitsPerHousehold(expected.visits));
    expect(stored.deleted).toBe(0);
    // Cut mid-request, a push reached the server's body reader and was given up there; no
    // mutation ever failed to apply.
    expect(server.errors()).toMatch(/push failed: aborted/);
    expect(server.errors()).not.toMatch(/could not be applied|could not start/);

    const f = proxy.counts;
    const records = expected.households.length + expected.people.length + expected.visits.length;
    const syncs = [lan, tu, mai].map((p) => p.reports.length).reduce((a, b) => a + b, 0);
    const failed = [lan, tu, mai].map((p) => p.reports.filter((r) => !r.ok).length).reduce((a, b) => a + b, 0);
    console.log(
      `chaos seed ${SEED}: ${records} records (${expected.households.length} households, ${expected.people.length} people, ${expected.visits.length} visits) in ${mine.length} mutations, exactly once; ` +
        `${f.requests} requests: ${f.droppedRequests} dropped, ${f.cutMidRequest} cut mid-request, ${f.droppedResponses} answers lost (${push?.lostOkAnswers ?? 0} of pushes the server had applied), ${f.replays} replayed (${push?.replays ?? 0} pushes), ${f.upstreamErrors} met no server; ` +
        `1 SIGKILL with ${kill.pushesAtServer} push(es) at the server and ${kill.unsent} mutations unsent, down ${kill.downMs} ms; ${syncs} syncs (${failed} failed); ${seconds.toFixed(1)} s`,
    );
  });
});
