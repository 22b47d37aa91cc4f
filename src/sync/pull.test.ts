import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { correctedNow, parseStamp } from '../domain/clock';
import { getHousehold, saveHousehold } from '../db/households';
import type { NgoSoDb } from '../db/database';
import { pendingInOrder } from '../db/outbox';
import { readSyncState, updateSyncState } from '../db/sync-state';
import { PHONE_NOW, createBench, household, type Bench } from './testing/bench';
import { PULL_WIRE_VERSION as V } from '../domain/pull-wire';
import { PULL_PAGE_SIZE } from './pull';

let bench: Bench;
beforeEach(() => {
  bench = createBench();
});
afterEach(async () => {
  await bench.close();
});

/** The path the phone asks a pull page at, in its wire version. */
const pullPath = (cursor: string, limit: number) => `/api/sync/pull?cursor=${cursor}&limit=${limit}&v=${V}`;
/** The path a fresh phone asks the page after its first at, with the first. */
const skipPath = (limit: number) => `/api/sync/pull?cursor=&limit=${limit}&skip=${limit}&v=${V}`;

/** Five households recorded on one phone and pushed; returns a fresh phone, with their 15 records to pull. */
async function fivePushed(): Promise<NgoSoDb> {
  const recorder = bench.phone();
  await bench.recordHouseholds(recorder, 5);
  await bench.engine(recorder).syncNow();
  return bench.phone();
}

describe('syncNow: pull', () => {
  it('records the clock offset from the server\'s time; a change saved at the time it corrects is stamped with it, once', async () => {
    const db = bench.phone();
    bench.server.serverTime = () => PHONE_NOW + 3_600_000;
    await bench.engine(db).syncNow();
    const offset = (await readSyncState(db))?.clockOffsetMs ?? 0;
    expect(offset).toBe(3_600_000);
    // As the household screen saves: the phone's clock corrected by the offset.
    const now = new Date(correctedNow(PHONE_NOW, offset)).toISOString();
    await saveHousehold(db, { household: household('h1'), people: [], visitId: 'v1', visitor: 'Mây', notes: '', now });
    const [row] = await pendingInOrder(db, 1);
    expect(parseStamp(row?.stamp ?? '')?.ms).toBe(PHONE_NOW + 3_600_000);
  });

  // The fake server answers version 1 whatever is asked, as a server from before version 2 does.
  it('pulls page after page, keeping the cursor, and starts from it next time', async () => {
    const b = await fivePushed();
    const report = await bench.engine(b, { pullPageSize: 4 }).syncNow();
    expect(report).toMatchObject({ ok: true, pulled: 15 });
    const pulls = bench.server.requests.filter((r) => r.path.startsWith('/api/sync/pull'));
    // A server from before `skip` answers the first page again, without `from`: it is dropped.
    expect(pulls.slice(-5).map((r) => r.path)).toEqual([
      pullPath('', 4),
      skipPath(4),
      pullPath('4', 4),
      pullPath('8', 4),
      pullPath('12', 4),
    ]);
    expect((await readSyncState(b))?.cursor).toBe('15');
    await bench.engine(b).syncNow();
    expect(bench.server.requests.at(-1)?.path).toBe(pullPath('15', PULL_PAGE_SIZE));
  });

  it('asks for half as many records after a failed page, from the same cursor, and twice as many after each page that arrives', async () => {
    const b = await fivePushed();
    const from = bench.server.requests.length;
    let cut = false;
    bench.server.intercept = (req) => {
      if (cut || !req.path.startsWith('/api/sync/pull?cursor=8')) return undefined;
      cut = true;
      return { kind: 'offline' };
    };
    expect(await bench.engine(b, { pullPageSize: 8 }).syncNow()).toMatchObject({ ok: true, pulled: 15 });
    expect(bench.server.requests.slice(from).map((r) => r.path)).toEqual([
      pullPath('', 8),
      skipPath(8),
      pullPath('8', 8),
      pullPath('8', 4),
      pullPath('12', 8),
    ]);
    expect((await readSyncState(b))?.cursor).toBe('15');
  });

  it('asks for the page after the next one at once where the server says where the next one ends', async () => {
    const b = await fivePushed();
    bench.server.ahead = true;
    const from = bench.server.requests.length;
    let onTheWay = 0;
    const seen: number[] = [];
    bench.server.intercept = async (req) => {
      if (!req.path.startsWith('/api/sync/pull')) return undefined;
      seen.push(++onTheWay);
      await new Promise((resolve) => setTimeout(resolve, 5));
      onTheWay--;
      return undefined;
    };
    expect(await bench.engine(b, { pullPageSize: 4 }).syncNow()).toMatchObject({ ok: true, pulled: 15 });
    // From nothing, the second page is asked for with the first (skip), the third once the first arrives.
    expect(bench.server.requests.slice(from).map((r) => r.path)).toEqual([
      pullPath('', 4),
      skipPath(4),
      pullPath('8', 4),
      pullPath('12', 4),
    ]);
    expect(Math.max(...seen)).toBe(2);
    expect((await readSyncState(b))?.cursor).toBe('15');
  });

  /** Once the page asked past the first (`skip`) is on its way, the record at `seq` changes on the server and moves to the end. */
  const moveWhenSkipped = (seq: number) => {
    bench.server.intercept = async (req) => {
      if (req.path.includes('&skip=')) {
        bench.server.intercept = () => undefined;
        await new Promise((resolve) => setTimeout(resolve, 5));
        const moved = [...bench.server.records.values()].find((r) => r.seq === seq);
        if (moved !== undefined) Object.assign(moved, { seq: 16, fields: { ...moved.fields, notes: 'sửa sau' } });
      }
      return undefined;
    };
  };

  it('drops a page asked for ahead when the page before it did not end where the server said, and asks again from where it did', async () => {
    const b = await fivePushed();
    bench.server.ahead = true;
    const from = bench.server.requests.length;
    // Once the first page is answered, a record of the second page changes on the server and
    // moves to the end: the second page ends one record later than the first answer said.
    moveWhenSkipped(6);
    expect(await bench.engine(b, { pullPageSize: 4 }).syncNow()).toMatchObject({ ok: true, pulled: 15 });
    expect(bench.server.requests.slice(from).map((r) => r.path)).toEqual([
      pullPath('', 4),
      skipPath(4),
      pullPath('8', 4),
      pullPath('9', 4),
      pullPath('13', 4),
    ]);
    expect((await readSyncState(b))?.cursor).toBe('16');
    expect([await b.households.count(), await b.people.count(), await b.visits.count()]).toEqual([5, 5, 5]);
  });

  it('drops the second page asked for with the first when it does not start where the first ended, and asks again from there', async () => {
    const b = await fivePushed();
    bench.server.ahead = true;
    const from = bench.server.requests.length;
    // Once the first page is answered, a record of it changes on the server and moves to the
    // end: the second page, asked for by skipping four, then starts a record later.
    moveWhenSkipped(2);
    expect(await bench.engine(b, { pullPageSize: 4 }).syncNow()).toMatchObject({ ok: true });
    expect(bench.server.requests.slice(from).map((r) => r.path)).toEqual([
      pullPath('', 4),
      skipPath(4),
      pullPath('8', 4),
      pullPath('4', 4),
      pullPath('12', 4),
    ]);
    expect((await readSyncState(b))?.cursor).toBe('16');
    expect([await b.households.count(), await b.people.count(), await b.visits.count()]).toEqual([5, 5, 5]);
  });

  it('after a failed page, asks it again as it was while the page after it is on its way, and keeps that one', async () => {
    const b = await fivePushed();
    bench.server.ahead = true;
    const from = bench.server.requests.length;
    let cut = false;
    bench.server.intercept = (req) => {
      if (cut || !req.path.startsWith('/api/sync/pull?cursor=8&')) return undefined;
      cut = true;
      return { kind: 'offline' };
    };
    expect(await bench.engine(b, { pullPageSize: 4 }).syncNow()).toMatchObject({ ok: true, pulled: 15 });
    expect(bench.server.requests.slice(from).map((r) => r.path)).toEqual([
      pullPath('', 4),
      skipPath(4),
      pullPath('8', 4),
      pullPath('12', 4),
      pullPath('8', 4),
    ]);
    expect((await readSyncState(b))?.cursor).toBe('15');
  });

  it('keeps a refused edit on screen when others\' changes to the household arrive', async () => {
    const a = bench.phone();
    const b = bench.phone();
    await bench.recordHouseholds(a, 1);
    await bench.engine(a).syncNow();
    await bench.engine(b).syncNow();
    const stored = await getHousehold(b, 'h0');
    if (stored === undefined) throw new Error('not pulled');
    await saveHousehold(b, { household: { ...stored.household, houseNumber: '99' }, people: stored.people, visitId: 'vb', visitor: 'B', notes: '', now: '2026-03-06T08:00:00.000Z' });
    bench.server.reject = (m) => ('houseNumber' in m.fields && m.fields.houseNumber === '99' ? 'Số nhà không có thật' : undefined);
    await saveHousehold(a, { household: { ...stored.household, fiber: true }, people: stored.people, visitId: 'va', visitor: 'A', notes: '', now: '2026-03-06T09:00:00.000Z' });
    await bench.engine(a).syncNow();
    await bench.engine(b).syncNow();
    expect((await getHousehold(b, 'h0'))?.household).toMatchObject({ houseNumber: '99', fiber: true });
  });

  it('pulls again a record it showed with an edit of its own on top, once the server has merged that edit', async () => {
    const a = bench.phone();
    const b = bench.phone();
    await bench.recordHouseholds(a, 1);
    await bench.engine(a).syncNow();
    await bench.engine(b).syncNow();
    const seen = await getHousehold(b, 'h0');
    if (seen === undefined) throw new Error('not pulled');
    // B's edit is stamped later than the one A is about to make (A's clock is behind).
    await saveHousehold(b, { household: { ...seen.household, houseNumber: '6' }, people: seen.people, visitId: 'vb', visitor: 'B', notes: '', now: '2026-03-09T08:00:00.000Z' });
    await bench.engine(b).syncNow();
    // A saves while its pull is on the way: its edit lies over B's record on A's screen.
    bench.server.intercept = async (req) => {
      if (!req.path.startsWith('/api/sync/pull')) return undefined;
      bench.server.intercept = () => undefined;
      await saveHousehold(a, { household: { ...seen.household, houseNumber: '5' }, people: seen.people, visitId: 'va', visitor: 'A', notes: '', now: '2026-03-07T08:00:00.000Z' });
      return undefined;
    };
    const overlaidPageFrom = (await readSyncState(a))?.cursor ?? '';
    await bench.engine(a).syncNow();
    expect((await getHousehold(a, 'h0'))?.household.houseNumber).toBe('5');
    expect((await pendingInOrder(a, 10)).find((r) => r.mutation.entity === 'household')?.overlaid).toBeDefined();
    // The server keeps B's later '6' and the record does not move on; A pulls from that page again.
    const cut = bench.server.requests.length;
    await bench.engine(a).syncNow();
    expect((await getHousehold(a, 'h0'))?.household.houseNumber).toBe('6');
    expect(bench.server.requests.slice(cut).find((r) => r.method === 'GET')?.path).toBe(pullPath(overlaidPageFrom, PULL_PAGE_SIZE));
    expect((await readSyncState(a))?.rewind).toBeUndefined();
  });

  it('starts over from the beginning when the server no longer knows the cursor', async () => {
    const a = bench.phone();
    await bench.recordHouseholds(a, 1);
    await bench.engine(a).syncNow();
    await updateSyncState(a, () => ({ cursor: 'from-another-server' }));
    bench.server.intercept = (req) => (req.path.includes('from-another-server') ? { kind: 'status', status: 400, body: { error: 'This cursor was not issued by this server' } } : undefined);
    expect(await bench.engine(a).syncNow()).toMatchObject({ ok: true, pulled: 3 });
    expect((await readSyncState(a))?.cursor).toBe('3');
  });
});
