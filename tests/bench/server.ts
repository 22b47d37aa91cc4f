// The server's throughput, measured as phones use it: the bench commune recorded on a Node phone
// (fake-indexeddb, the real saveHousehold), its outbox cut into the batches the sync engine sends,
// gzipped, pushed over HTTP with a real device token to the real server on a fresh SQLite file;
// then a full pull of the commune, and the same batches into the store alone (no HTTP).
// The server runs as its own process, started as `npm start` starts it: its event loop, JSON and
// SQLite work are then measured apart from this process, which records and sends.
// Run alone: node --import tsx tests/bench/server.ts [--quick]
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openDatabase } from '../../src/db/database';
import { pendingInOrder } from '../../src/db/outbox';
import { INITIAL_PUSH_TARGET_BYTES } from '../../src/db/sync-state';
import { DEMO_COMMUNE_CODE } from '../../src/domain/demo-commune';
import { MAX_MUTATIONS_PER_PUSH, type Mutation, type PullResponse, type PushResponse } from '../../src/domain/sync-protocol';
import { DATABASE_FILE, openSqliteStore } from '../../src/server/sync/sqlite-store';
import { grownTarget } from '../../src/sync/backoff';
import { takeBatch } from '../../src/sync/batch';
import { PULL_PAGE_SIZE } from '../../src/sync/pull';
import { startServerProcess } from '../support/server-process';
import { BENCH_HAMLETS, benchCommune, recordCommune } from './commune';
import { signIn } from './phone-seed';

export type ServerBenchOptions = { quick: boolean; log?: (line: string) => void };

export type ServerBench = {
  /** Mutations applied per second through HTTP, pushes sent one after another by one phone. */
  serverMutationsPerSec: number;
  households: number;
  pushes: number;
  mutations: number;
  pushP50Ms: number;
  pushP95Ms: number;
  /**
   * CPU time the server process used per mutation while the pushes ran (null without /proc):
   * 1e6 / this is what one free core sustains, whatever else the machine is busy with.
   */
  serverCpuUsPerMutation: number | null;
  /** Gzip bytes sent for all pushes, and the JSON they carried. */
  pushBytesUp: number;
  pushJsonBytes: number;
  /** The same batches applied by the store in this process, without HTTP, parsing or auth. */
  storeMutationsPerSec: number;
  /** CPU time the store took per mutation: steadier than the rate on a machine busy with other work. */
  storeCpuUsPerMutation: number;
  communePullMs: number;
  /** CPU time the server process spent answering the pull (null without /proc); the rest is this process reading. */
  communePullServerCpuMs: number | null;
  communePullPages: number;
  communePullRecords: number;
  /** Bytes of the answers' bodies on the wire (gzip), and of their JSON. */
  communePullBytes: number;
  communePullJsonBytes: number;
  /** Recording the commune on the phone and cutting it into batches: not part of any figure above. */
  prepareMs: number;
};

const HOUSEHOLDS = { quick: 1_500, full: 10_000 } as const;
const VISITOR = 'Thành viên (DEMO)';

type Batch = { mutations: Mutation[]; json: string; gzip: Buffer };

/** The commune saved household by household on a phone, as a member would: its outbox in order. */
async function recordedOutbox(count: number): Promise<{ mutation: Mutation; bytes: number }[]> {
  const db = openDatabase(`ngo-so-bench-server-${crypto.randomUUID()}`);
  await recordCommune(db, benchCommune(count), { visitor: VISITOR });
  const rows = await pendingInOrder(db, Infinity);
  db.close();
  return rows;
}

/** Batches as pushAll makes them when every push succeeds: the byte target doubles each time. */
function phoneBatches(rows: readonly { mutation: Mutation; bytes: number }[]): Batch[] {
  const batches: Batch[] = [];
  let target = INITIAL_PUSH_TARGET_BYTES;
  for (let at = 0; at < rows.length; ) {
    const batch = takeBatch(rows.slice(at, at + MAX_MUTATIONS_PER_PUSH), target, MAX_MUTATIONS_PER_PUSH);
    const mutations = batch.rows.map((r) => r.mutation);
    const json = JSON.stringify({ mutations });
    batches.push({ mutations, json, gzip: gzipSync(json) });
    at += batch.rows.length;
    target = grownTarget(target);
  }
  return batches;
}

type Answer = { status: number; wireBytes: number; text: string };

/** One phone's connection to the server: one kept-alive socket, gzip answers accepted. */
type Link = { port: number; agent: Agent };

function send({ port, agent }: Link, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers: { 'Accept-Encoding': 'gzip', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        resolve({ status: res.statusCode ?? 0, wireBytes: raw.byteLength, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU time (ms) the processes this one started have used so far; undefined where /proc is not there. */
function childrenCpuMs(): number | undefined {
  try {
    const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    let ticks = 0;
    for (const pid of children) {
      // utime and stime are fields 14 and 15; the command name before them may hold spaces.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times. */
const CLOCK_TICKS_PER_SECOND = 100;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function pushAllBatches(link: Link, auth: Record<string, string>, batches: readonly Batch[]): Promise<{ ms: number; pushMs: number[] }> {
  const pushMs: number[] = [];
  const start = performance.now();
  for (const batch of batches) {
    const sent = performance.now();
    const answer = await send(link, 'POST', '/api/sync/push', { ...auth, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, batch.gzip);
    pushMs.push(performance.now() - sent);
    if (answer.status !== 200) throw new Error(`push answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    const { results } = JSON.parse(answer.text) as PushResponse;
    const refused = results.find((r) => r.status !== 'applied');
    if (results.length !== batch.mutations.length || refused !== undefined) throw new Error(`push not applied whole: ${JSON.stringify(refused)}`);
  }
  return { ms: performance.now() - start, pushMs };
}

async function pullCommune(link: Link, auth: Record<string, string>) {
  let cursor = '';
  let pages = 0;
  let records = 0;
  let wireBytes = 0;
  let jsonBytes = 0;
  const start = performance.now();
  for (;;) {
    const answer = await send(link, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=${PULL_PAGE_SIZE}`, auth);
    if (answer.status !== 200) throw new Error(`pull answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    const page = JSON.parse(answer.text) as PullResponse;
    pages++;
    records += page.records.length;
    wireBytes += answer.wireBytes;
    jsonBytes += Buffer.byteLength(answer.text);
    cursor = page.cursor;
    if (!page.more) break;
  }
  return { ms: performance.now() - start, pages, records, wireBytes, jsonBytes };
}

/** The same batches straight into the store on its own file: what HTTP, parsing and auth add. */
async function storeAlone(dir: string, batches: readonly Batch[]): Promise<{ ms: number; cpuMs: number }> {
  const store = openSqliteStore(join(dir, DATABASE_FILE));
  const caller = { scope: { communeCode: DEMO_COMMUNE_CODE, hamletCodes: BENCH_HAMLETS }, deviceId: 'bench-device', userId: VISITOR };
  try {
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (const batch of batches) await store.push(caller, batch.mutations, Date.now());
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    await store.close();
  }
}

/** The server as its own process (as `npm start` runs it), on a fresh data folder with the demo accounts. */
export async function benchServer({ quick, log = () => {} }: ServerBenchOptions): Promise<ServerBench> {
  const households = quick ? HOUSEHOLDS.quick : HOUSEHOLDS.full;
  const prepareStart = performance.now();
  log(`server: recording ${households} households on a Node phone…`);
  const batches = phoneBatches(await recordedOutbox(households));
  const prepareMs = performance.now() - prepareStart;
  const mutations = batches.reduce((n, b) => n + b.mutations.length, 0);

  const dir = await mkdtemp(join(tmpdir(), 'ngo-so-bench-server-'));
  const server = await startServerProcess({ dataDir: join(dir, 'http') });
  const link = { port: server.port, agent: new Agent({ keepAlive: true, maxSockets: 1 }) };
  try {
    const { token } = await signIn(`http://127.0.0.1:${server.port}`, 'demo.member', 'Máy đo máy chủ (bench)');
    const auth = { Authorization: `Bearer ${token}` };
    log(`server: pushing ${mutations} mutations in ${batches.length} pushes…`);
    const cpuBefore = childrenCpuMs();
    const pushed = await pushAllBatches(link, auth, batches);
    const cpuAfter = childrenCpuMs();
    const serverCpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
    log('server: pulling the whole commune…');
    const pulled = await pullCommune(link, auth);
    const cpuAfterPull = childrenCpuMs();
    log('server: the store alone…');
    const alone = await storeAlone(dir, batches);
    const sorted = [...pushed.pushMs].sort((a, b) => a - b);
    return {
      serverMutationsPerSec: Math.round(mutations / (pushed.ms / 1000)),
      households,
      pushes: batches.length,
      mutations,
      pushP50Ms: round(percentile(sorted, 50)),
      pushP95Ms: round(percentile(sorted, 95)),
      serverCpuUsPerMutation: serverCpuMs === undefined ? null : round((serverCpuMs * 1000) / mutations),
      pushBytesUp: batches.reduce((n, b) => n + b.gzip.byteLength, 0),
      pushJsonBytes: batches.reduce((n, b) => n + Buffer.byteLength(b.json), 0),
      storeMutationsPerSec: Math.round(mutations / (alone.ms / 1000)),
      storeCpuUsPerMutation: round((alone.cpuMs * 1000) / mutations),
      communePullMs: Math.round(pulled.ms),
      communePullServerCpuMs: cpuAfter === undefined || cpuAfterPull === undefined ? null : Math.round(cpuAfterPull - cpuAfter),
      communePullPages: pulled.pages,
      communePullRecords: pulled.records,
      communePullBytes: pulled.wireBytes,
      communePullJsonBytes: pulled.jsonBytes,
      prepareMs: Math.round(prepareMs),
    };
  } finally {
    link.agent.destroy();
    await server.stop();
    const errors = server.errors().trim();
    if (errors !== '') log(`server stderr: ${errors.slice(-500)}`);
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchServer({ quick: process.argv.includes('--quick'), log: (line) => console.error(line) });
  console.log(JSON.stringify(result, null, 2));
}
