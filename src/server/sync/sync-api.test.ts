// The sync endpoints over HTTP, on the real server with a real SQLite file: who may call,
// which bodies are refused (and that nothing of them is written), gzip both ways, paging.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_HEADER, MAX_MUTATIONS_PER_PUSH, USER_HEADER, type Mutation, type PullResponse, type PushResponse } from '../../domain/sync-protocol';
import { encodePush, type PushAnswerV2 } from '../../domain/push-wire';
import { startServer, type RunningServer } from '../main';
import { decodePull, PullWire } from '../../domain/pull-wire';
import { createHousehold, createPerson, mutation, visitFields } from './test-mutations';

const TOKEN = 'token-of-the-test';
const CALLER = { Authorization: `Bearer ${TOKEN}`, [DEVICE_HEADER]: 'phone-lan', [USER_HEADER]: encodeURIComponent('Chị Lan') };

let tmp = '';
let server: RunningServer | undefined;
let run = 0;

function url(path: string): string {
  if (server === undefined) throw new Error('the server is not running');
  return new URL(path, server.url).href;
}

/** Ids no other test uses, so each test starts from what it pushes itself. */
const fresh = (id: string) => `${id}-${run}`;
const household = () => ({ ...createHousehold(fresh('m-ho'), fresh('ho')) });
const person = (n: number) => {
  const m = createPerson(fresh(`m-p${n}`), fresh(`p${n}`), { householdId: fresh('ho') });
  return { ...m, fields: { ...m.fields, householdId: fresh('ho') } };
};

function push(body: unknown, headers: Record<string, string> = CALLER): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(url('/api/sync/push'), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: text });
}

function pushBytes(bytes: Uint8Array, headers: Record<string, string>): Promise<Response> {
  return fetch(url('/api/sync/push'), { method: 'POST', headers: { ...CALLER, 'Content-Type': 'application/json', ...headers }, body: new Uint8Array(bytes) });
}

async function pull(query = '', headers: Record<string, string> = CALLER): Promise<Response> {
  return fetch(url(`/api/sync/pull${query}`), { headers });
}

async function pulledIds(): Promise<string[]> {
  const ids: string[] = [];
  let cursor = '';
  for (;;) {
    const page = (await (await pull(`?cursor=${cursor}`)).json()) as PullResponse;
    ids.push(...page.records.map((r) => r.id));
    cursor = page.cursor;
    if (!page.more) return ids;
  }
}

/** Nothing of these mutations was kept: none is served, and each is applied when sent again. */
async function expectNothingWritten(mutations: readonly Mutation[]): Promise<void> {
  const ids = await pulledIds();
  for (const m of mutations) expect(ids).not.toContain(m.entityId);
  const again = (await (await push({ mutations })).json()) as PushResponse;
  expect(again.results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ngo-so-api-'));
  server = await startServer({ port: 0, host: '127.0.0.1', distDir: join(tmp, 'dist'), dataDir: join(tmp, 'data'), syncToken: TOKEN });
});
afterAll(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  run += 1;
});

describe('who may call', () => {
  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer not-the-token' }],
    ['another scheme', { Authorization: `Basic ${TOKEN}` }],
  ])('answers 401 in JSON to %s', async (_case, auth) => {
    const res = await pull('', { ...CALLER, Authorization: '', ...auth });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ error: expect.stringMatching(/Authorization: Bearer/) });
  });

  it.each([
    ['no device', { [DEVICE_HEADER]: '' }, /X-Device-Id/],
    ['no user', { [USER_HEADER]: '' }, /X-User/],
    ['a user name that is not URI-encoded text', { [USER_HEADER]: '%E0%A4%A' }, /X-User/],
  ])('answers 400 to a request that names %s', async (_case, headers, error) => {
    const res = await push({ mutations: [household()] }, { ...CALLER, ...headers });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringMatching(error) });
  });
});

describe('POST /api/sync/push', () => {
  it('applies mutations and says so for each, with the server time', async () => {
    const res = await push({ mutations: [household(), person(1)] });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as PushResponse;
    expect(answer.results).toEqual([
      { id: fresh('m-ho'), status: 'applied' },
      { id: fresh('m-p1'), status: 'applied' },
    ]);
    expect(Date.parse(answer.serverTime)).toBeGreaterThan(Date.now() - 60_000);
    const page = (await (await pull()).json()) as PullResponse;
    expect(page.records.find((r) => r.id === fresh('p1'))).toMatchObject({ deleted: false, updatedBy: 'Chị Lan' });
  });

  it('takes a gzip-compressed body', async () => {
    const res = await pushBytes(gzipSync(JSON.stringify({ mutations: [household()] })), { 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PushResponse).results).toEqual([{ id: fresh('m-ho'), status: 'applied' }]);
  });

  it.each([
    ['malformed JSON', () => '{"mutations": [', /not valid JSON/],
    ['a body that is not an object', () => '[1, 2]', /does not match the protocol/],
    ['mutations that are not a list', () => ({ mutations: 'all of them' }), /mutations: /],
    ['a stamp that is a number', () => ({ mutations: [household(), { ...person(1), stamp: 42 }] }), /mutations\.1\.stamp: /],
    ['fields that are not an object', () => ({ mutations: [{ ...household(), fields: ['a'] }] }), /mutations\.0\.fields: /],
    ['an unknown entity kind', () => ({ mutations: [household(), { ...person(1), entity: 'pet' }] }), /mutations\.1\.entity: Loại bản ghi không hợp lệ/],
    ['an unknown operation', () => ({ mutations: [{ ...household(), op: 'merge' }] }), /mutations\.0\.op: /],
  ])('answers 400 to %s, and writes nothing', async (_case, body, error) => {
    const res = await push(body());
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ error: expect.stringMatching(error) });
    await expectNothingWritten([household(), person(1)]);
  });

  it('answers 413 to a body over 2 MiB, and writes nothing', async () => {
    const padded = JSON.stringify({ mutations: [household()], padding: ' '.repeat(2 * 1024 * 1024) });
    const res = await push(padded);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/larger than 2097152 bytes/) });
    await expectNothingWritten([household()]);
  });

  it('answers 413 to a small gzip body that unzips to more than 2 MiB', async () => {
    const bomb = gzipSync(JSON.stringify({ mutations: [household()], padding: ' '.repeat(8 * 1024 * 1024) }));
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const res = await pushBytes(bomb, { 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(413);
    await expectNothingWritten([household()]);
  });

  it('answers 413 to more mutations than one push may carry', async () => {
    const many = Array.from({ length: MAX_MUTATIONS_PER_PUSH + 1 }, (_, i) => ({ ...household(), id: fresh(`m-${i}`) }));
    for (const body of [{ mutations: many }, encodePush(many)]) {
      const res = await push(body);
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ error: `A push carries at most ${MAX_MUTATIONS_PER_PUSH} mutations; send smaller batches.` });
    }
  });

  it('answers 400 to a body that says gzip but is not, and 415 to another encoding', async () => {
    const notGzip = await pushBytes(Buffer.from(JSON.stringify({ mutations: [household()] })), { 'Content-Encoding': 'gzip' });
    expect(notGzip.status).toBe(400);
    expect(await notGzip.json()).toEqual({ error: expect.stringMatching(/not valid gzip/) });
    const brotli = await pushBytes(Buffer.from('{}'), { 'Content-Encoding': 'br' });
    expect(brotli.status).toBe(415);
    await expectNothingWritten([household()]);
  });

  it('refuses a mutation alone when one field is invalid, naming the field', async () => {
    const bad = { ...person(2), fields: { ...person(2).fields, birthYear: 'sáu mốt' } };
    const answer = (await (await push({ mutations: [household(), bad, person(3)] })).json()) as PushResponse;
    expect(answer.results).toEqual([
      { id: fresh('m-ho'), status: 'applied' },
      { id: fresh('m-p2'), status: 'rejected', reason: 'birthYear: Nhập năm sinh bằng số' },
      { id: fresh('m-p3'), status: 'applied' },
    ]);
  });

  it('answers 405 with Allow to a GET', async () => {
    const res = await fetch(url('/api/sync/push'), { headers: CALLER });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('POST /api/sync/push, version 2', () => {
  const visit = () => mutation({ id: fresh('m-v'), entity: 'visit', entityId: fresh('v'), householdId: fresh('ho'), fields: visitFields(fresh('p1'), fresh('ho')) });

  it('applies the mutations it carries and answers counts, naming only the refused ones', async () => {
    const bad = { ...person(2), fields: { ...person(2).fields, birthYear: 'sáu mốt' } };
    const res = await push(encodePush([household(), person(1), bad, visit()]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      v: 2, applied: 3, duplicate: 0, rejected: [{ id: fresh('m-p2'), reason: 'birthYear: Nhập năm sinh bằng số' }], serverTime: expect.any(String),
    } satisfies PushAnswerV2);
    expect(await pulledIds()).toEqual(expect.arrayContaining([fresh('ho'), fresh('p1'), fresh('v')]));
  });

  it('counts as duplicates the mutations first sent as version 1, and the other way round', async () => {
    const first = [household(), person(1)];
    const second = [person(3), visit()];
    await push({ mutations: first });
    await push(encodePush(second));
    expect(await (await push(encodePush(first))).json()).toMatchObject({ applied: 0, duplicate: 2, rejected: [] });
    expect(((await (await push({ mutations: second })).json()) as PushResponse).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
  });

  it('still takes version 2 bodies, as phones in the field may hold them: a mutation sent in version 2 and again in 3 is a duplicate', async () => {
    const mutations = [household(), person(1), person(2), visit()];
    expect(await (await push(encodePush(mutations, { version: 2 }))).json()).toMatchObject({ v: 2, applied: 4, duplicate: 0, rejected: [] });
    expect(await (await push(encodePush(mutations, { version: 3 }))).json()).toMatchObject({ v: 2, applied: 0, duplicate: 4, rejected: [] });
  });

  it('takes a gzip-compressed body', async () => {
    const res = await pushBytes(gzipSync(JSON.stringify(encodePush([household(), person(1)]))), { 'Content-Encoding': 'gzip' });
    expect(await res.json()).toMatchObject({ v: 2, applied: 2 });
  });

  it.each([
    ['another version', () => ({ ...encodePush([household()]), v: 4 }), 'The push (version 4) cannot be read: v is 4, but this server reads version 1 (no v), 2 and 3. Nothing was written.'],
    ['a mutation naming no record', () => ({ v: 2, device: 'phone-lan', shapes: [], mutations: [{ s: 5 }] }), 'The push (version 2) cannot be read: mutations.0: must name exactly one record as h, p or v. Nothing was written.'],
    ['a change pointing at nothing', () => ({ ...encodePush([household()]), mutations: [...encodePush([household()]).mutations, { v: fresh('v'), c: [['nobody', 'name']] }] }), 'The push (version 3) cannot be read: mutations.1: the change of name points at a value no earlier mutation in this push carries. Nothing was written.'],
  ])('answers 400 to %s, in plain words, and writes nothing', async (_case, body, error) => {
    const res = await push(body());
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error });
    await expectNothingWritten([household()]);
  });

  it('validates what it decodes as any push: a mutation that is not one is a 400, and nothing is written', async () => {
    const res = await push(encodePush([household(), { ...person(1), op: 'merge' as 'upsert' }]));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/^The push does not match the protocol: mutations\.1\.op: /) });
    await expectNothingWritten([household(), person(1)]);
  });

  it('answers 413 to changes that point at more values than a push may hold once read, and writes nothing', async () => {
    const names = Array.from({ length: 3000 }, () => 'notes');
    const big = { ...household(), fields: { ...household().fields, notes: 'x'.repeat(1000) } };
    const wire = encodePush([big]);
    const res = await push({ ...wire, mutations: [...wire.mutations, { v: fresh('v'), c: [[null, ...names]] }] });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/^The push is too large once read: /) });
    await expectNothingWritten([household()]);
  });
});

describe('GET /api/sync/pull', () => {
  it('pages with an opaque cursor and says when there is more', async () => {
    await push({ mutations: [household(), person(1), person(2), person(3), person(4)] });
    const first = (await (await pull('?limit=1000')).json()) as PullResponse;
    const start = first.cursor;
    await push({ mutations: [{ ...person(5) }, { ...person(6) }, { ...person(7) }] });
    const a = (await (await pull(`?cursor=${start}&limit=2`)).json()) as PullResponse;
    expect(a.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a).toMatchObject({ more: true, records: [{ id: fresh('p5') }, { id: fresh('p6') }] });
    const b = (await (await pull(`?cursor=${a.cursor}&limit=2`)).json()) as PullResponse;
    expect(b).toMatchObject({ more: false, records: [{ id: fresh('p7') }] });
    const c = (await (await pull(`?cursor=${b.cursor}&limit=2`)).json()) as PullResponse;
    expect(c).toMatchObject({ more: false, records: [], cursor: b.cursor });
    expect(Date.parse(c.serverTime)).not.toBeNaN();
  });

  it('answers the page after the next one when asked to skip it, saying where it starts', async () => {
    await push({ mutations: [household(), person(1), person(2), person(3), person(4)] });
    const start = ((await (await pull('?limit=1000')).json()) as PullResponse).cursor;
    await push({ mutations: [{ ...person(5) }, { ...person(6) }, { ...person(7) }] });
    const a = (await (await pull(`?cursor=${start}&limit=2`)).json()) as PullResponse;
    const b = (await (await pull(`?cursor=${start}&limit=2&skip=2`)).json()) as PullResponse & { from?: string };
    expect(b).toMatchObject({ from: a.cursor, more: false, records: [{ id: fresh('p7') }] });
    // Fewer records than it skips: nothing, and no start.
    const beyond = (await (await pull(`?cursor=${start}&limit=2&skip=4`)).json()) as PullResponse & { from?: string };
    expect(beyond).toMatchObject({ records: [], more: false, cursor: start });
    expect(beyond.from).toBeUndefined();
  });

  it('starts over for a cursor of another database', async () => {
    await push({ mutations: [household()] });
    const foreign = Buffer.from('another-database.999999', 'utf8').toString('base64url');
    expect(await (await pull(`?cursor=${foreign}&limit=2000`)).json()).toMatchObject({ records: expect.arrayContaining([expect.objectContaining({ id: fresh('ho') })]) });
  });

  it.each([['?cursor=%%%'], ['?cursor=bm90LWEtY3Vyc29y'], ['?limit=0'], ['?limit=many'], ['?limit=-5'], ['?skip=-1'], ['?skip=2001']])('answers 400 to %s', async (query) => {
    const res = await pull(query);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('gzips a large answer for a client that accepts it', async () => {
    await push({ mutations: [household(), person(1), person(2), person(3), person(4), person(5)] });
    const res = await pull('?limit=2000', { ...CALLER, 'Accept-Encoding': 'gzip' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(((await res.json()) as PullResponse).records.length).toBeGreaterThan(5);
  });

  it('does not serve other communes, even to the same token holder', async () => {
    const elsewhere = mutation({ id: fresh('m-x'), entity: 'household', entityId: fresh('x'), communeCode: 'XA-KHAC' });
    const answer = (await (await push({ mutations: [elsewhere] })).json()) as PushResponse;
    expect(answer.results[0]).toMatchObject({ status: 'rejected' });
    expect(await pulledIds()).not.toContain(fresh('x'));
  });

  it('answers version 2 or 3 when asked, with the same records, cursor and more, and version 1 to any other ask', async () => {
    const visit = mutation({ id: fresh('m-v'), entity: 'visit', entityId: fresh('v'), householdId: fresh('ho'), fields: visitFields(fresh('p1'), fresh('ho')) });
    await push({ mutations: [household(), person(1), person(2), visit] });
    const v1 = (await (await pull('?limit=2000')).json()) as PullResponse;
    for (const version of [2, 3]) {
      const answer = (await (await pull(`?limit=2000&v=${version}`)).json()) as Record<string, unknown>;
      const wire = PullWire.safeParse(answer);
      expect(wire.success && decodePull(wire.data)).toEqual(v1.records);
      expect(answer).toMatchObject({ v: version, cursor: v1.cursor, more: v1.more, serverTime: expect.any(String) });
      expect(answer).not.toHaveProperty('records');
    }
    for (const query of ['?limit=2000', '?limit=2000&v=1', '?limit=2000&v=4', '?limit=2000&v=03', '?limit=2000&v=']) {
      const answer = (await (await pull(query)).json()) as Record<string, unknown>;
      expect(Object.keys(answer).sort()).toEqual(['cursor', 'more', 'records', 'serverTime']);
      expect(answer.records).toEqual(v1.records);
    }
  });

  it('refuses a pull asking for another commune with 403', async () => {
    expect((await pull('?commune=XA-KHAC')).status).toBe(403);
    expect((await pull('?commune=DEMO-XA')).status).toBe(200);
  });
});

describe('GET /api/health', () => {
  it('answers with the server time, without a token', async () => {
    const res = await fetch(url('/api/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, serverTime: expect.any(String) });
  });
});
