// The peer we must beat: PouchDB replication of the same households through the same link.
// PouchDB in this process (memory adapter; its HTTP adapter on Node's fetch, which like a
// browser's keeps sockets alive, asks for gzip answers and notices a cut answer) replicates to express-pouchdb (memory adapter, gzip answers, the
// mode made for PouchDB clients) in its own process, through a link proxy with the link's
// settings; then a fresh PouchDB replicates everything back. Default replication options, as an
// app would use them. Model: one document per household with its people embedded — PouchDB's
// best case, far fewer documents (and revisions to compare) than one per record.
// The server alone: node --import tsx tests/bench/pouchdb-peer.ts --serve --port 5984
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Household } from '../../src/domain/household';
import type { Person } from '../../src/domain/person';
import { freePort } from '../support/server-process';
import { startLinkProxy, type LinkCounts, type LinkSettings, type TransferFigures } from './link-proxy';

export type PouchdbFigures = TransferFigures & {
  /** Households the fresh copy holds; `complete` when every household and person arrived. */
  documents: number;
  complete: boolean;
  /** Households the server holds after the push. */
  serverDocuments: number;
  /** Replications started (more than two when a cut stopped one and it was run again). */
  replications: number;
  /** Failed requests whose promise PouchDB left unhandled (a browser would log them). */
  unhandledFailures: number;
};

// PouchDB ships no types: the little used here.
type HouseholdDoc = { _id: string; household: Household; people: Person[] };
type Replicated = { ok: boolean; docs_written: number };
type PouchDatabase = {
  bulkDocs(docs: readonly HouseholdDoc[]): Promise<unknown[]>;
  allDocs(options: { include_docs: true }): Promise<{ rows: { doc?: HouseholdDoc }[] }>;
  replicate: { to(target: PouchDatabase): Promise<Replicated>; from(source: PouchDatabase): Promise<Replicated> };
  destroy(): Promise<unknown>;
};
type PouchFetch = (url: string, options: Record<string, unknown>) => Promise<unknown>;
type PouchStatic = {
  new (name: string, options?: { adapter?: string; fetch?: PouchFetch }): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  defaults(options: { adapter: string }): PouchStatic;
  fetch: PouchFetch;
};

const require = createRequire(import.meta.url);

let withPlugins: PouchStatic | undefined;

/** PouchDB with the plugins used here; plugins go on the shared constructor once. */
function pouchDB(): PouchStatic {
  const core = require('pouchdb-core') as PouchStatic;
  withPlugins ??= core.plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-adapter-http')).plugin(require('pouchdb-replication')).plugin(require('pouchdb-mapreduce'));
  return withPlugins;
}

/** express-pouchdb on 127.0.0.1:`port`, all in memory; resolves once it listens. */
async function serve(port: number): Promise<void> {
  const PouchDB = pouchDB().defaults({ adapter: 'memory' });
  const expressPouchDB = require('express-pouchdb') as (db: PouchStatic, options: Record<string, unknown>) => Parameters<typeof createServer>[1];
  const app = expressPouchDB(PouchDB, { mode: 'minimumForPouchDB', inMemoryConfig: true });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.stdout.write(`http://127.0.0.1:${port}\n`);
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
  // Started by a bench: goes when the bench goes, however it ended.
  if (!process.stdin.isTTY) process.stdin.on('end', () => process.exit(0)).resume();
}

type ServerChild = { url: string; stop(): Promise<void> };

async function startPouchServer(): Promise<ServerChild> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--serve', '--port', String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (errors += text));
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      if (text.includes('http://')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the PouchDB server exited with ${code}: ${errors.slice(-500)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const MAX_REPLICATIONS = 100;
const NULL_BODY = [101, 204, 205, 304];

/** Runs a one-shot replication until one completes; each run resumes from PouchDB's checkpoint. */
async function replicateUntilDone(run: () => Promise<Replicated>, what: string): Promise<number> {
  let lastError: unknown;
  for (let i = 1; i <= MAX_REPLICATIONS; i++) {
    try {
      const result = await run();
      if (result.ok) return i;
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`PouchDB ${what}: not done after ${MAX_REPLICATIONS} replications (${String(lastError)})`);
}

export async function benchPouchdbPeer(options: {
  households: readonly Household[];
  people: readonly Person[];
  link: LinkSettings;
  seed: number;
  log?: (line: string) => void;
}): Promise<PouchdbFigures> {
  const log = options.log ?? (() => undefined);
  const PouchDB = pouchDB();
  const server = await startPouchServer();
  const proxy = await startLinkProxy({ upstream: server.url, settings: options.link, seed: options.seed });
  // Not PouchDB's own node-fetch: it never notices an answer cut after its headers, and the
  // replication then waits forever; a browser's fetch fails it at once, as Node's does. The body
  // is read here, so a cut answer fails the request (PouchDB handles that) rather than a body
  // read PouchDB does not guard.
  const browserLike: PouchFetch = async (url, init) => {
    const res = await fetch(url, init as RequestInit);
    const body = await res.arrayBuffer();
    return new Response(NULL_BODY.includes(res.status) ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  const name = `bench-${crypto.randomUUID()}`;
  const local = new PouchDB(`${name}-phone`, { adapter: 'memory' });
  const fresh = new PouchDB(`${name}-fresh`, { adapter: 'memory' });
  // One remote handle per phone, as two phones would each have.
  const remoteFor = () => new PouchDB(`${proxy.url}/households`, { fetch: browserLike });
  // PouchDB leaves some failed requests' promises unhandled; a browser logs them and goes on,
  // Node would stop the process. Counted and ignored while this runs; anything else still stops it.
  let unhandled = 0;
  const onUnhandled = (reason: unknown) => {
    if (!(reason instanceof TypeError && /fetch failed|terminated/.test(reason.message))) throw reason;
    unhandled++;
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    const peopleOf = new Map<string, Person[]>();
    for (const p of options.people) peopleOf.set(p.householdId, [...(peopleOf.get(p.householdId) ?? []), p]);
    await local.bulkDocs(options.households.map((household) => ({ _id: household.id, household, people: peopleOf.get(household.id) ?? [] })));

    proxy.resetCounts();
    const pushStart = performance.now();
    const pushRuns = await replicateUntilDone(() => local.replicate.to(remoteFor()), 'push');
    const pushEnd = performance.now();
    const push: LinkCounts = { ...proxy.counts };

    proxy.resetCounts();
    const pullRuns = await replicateUntilDone(() => fresh.replicate.from(remoteFor()), 'pull');
    const pullEnd = performance.now();
    const pull = proxy.counts;

    const docs = (await fresh.allDocs({ include_docs: true })).rows;
    const people = docs.reduce((n, row) => n + (row.doc?.people.length ?? 0), 0);
    // Asked of the server directly, past the link: did the loss happen on the way up or down?
    const onServer = ((await (await fetch(`${server.url}/households`)).json()) as { doc_count?: number }).doc_count ?? -1;
    const complete = docs.length === options.households.length && people === options.people.length;
    if (!complete) log(`  PouchDB LOST RECORDS: replications ended "ok" yet the fresh copy holds ${docs.length}/${options.households.length} households, ${people}/${options.people.length} people; the server ${onServer}`);
    const pushSeconds = Math.round(pushEnd - pushStart) / 1000;
    const pullSeconds = Math.round(pullEnd - pushEnd) / 1000;
    return {
      documents: docs.length,
      complete,
      serverDocuments: onServer,
      seconds: Math.round((pushSeconds + pullSeconds) * 100) / 100,
      pushSeconds,
      pullSeconds,
      bytesUp: push.bytesUp + pull.bytesUp,
      bytesDown: push.bytesDown + pull.bytesDown,
      requests: push.requests + pull.requests,
      cuts: push.cuts + pull.cuts,
      replications: pushRuns + pullRuns,
      unhandledFailures: unhandled,
    };
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await Promise.allSettled([local.destroy(), fresh.destroy()]);
    await proxy.close();
    await server.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { serve: { type: 'boolean', default: false }, port: { type: 'string', default: '5984' } } });
  if (!values.serve) {
    process.stderr.write('usage: node --import tsx tests/bench/pouchdb-peer.ts --serve [--port 5984]\n');
    process.exit(2);
  }
  serve(Number(values.port)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
