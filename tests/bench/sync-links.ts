// Sync over weak links: for each link of issue 6, a phone (Dexie in fake-indexeddb, the real
// sync engine) that recorded the bench commune pushes it through the link proxy to the real
// server on a fresh data folder, then a fresh phone pulls everything through the same link;
// the fresh phone must hold every household and person, or the bench fails. PouchDB
// replication of the same households runs through the same link beside it (pouchdb-peer.ts).
// Run alone: node --import tsx tests/bench/sync-links.ts [--quick] [--link 3g|2g|3g-cut] [--ours-only] [--timeline]
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { freshPhone, type Phone } from '../support/phones';
import { seededRandom } from '../support/random';
import { startServerProcess } from '../support/server-process';
import { benchCommune, recordCommune } from './commune';
import { LINKS, startLinkProxy, type LinkCounts, type LinkEvent, type LinkName, type LinkSettings, type TransferFigures } from './link-proxy';
import { signIn } from './phone-seed';
import { benchPouchdbPeer, type PouchdbFigures } from './pouchdb-peer';

/** Push until nothing is pending plus a fresh phone's full pull, through the link (TransferFigures). */
export type SyncLinkFigures = TransferFigures & {
  households: number;
  people: number;
  /** The households and people as one JSON array, gzipped (level 6): what has to cross the link. */
  payloadGzipBytes: number;
  limitSeconds: number;
  limitRatio: number;
  /**
   * After its push the recording phone pulls too, as every sync does, and gets its own records
   * back: not part of `seconds`, shown so the cost is seen.
   */
  echoPullSeconds: number;
  echoBytesDown: number;
  pouchdbSeconds: number;
  pouchdb: PouchdbFigures;
};

export type SyncLinksOptions = {
  quick: boolean;
  log?: (line: string) => void;
  links?: readonly LinkName[];
  /** Leaves PouchDB out (its figures read 0): for trying a change of ours, never for the figures in docs. */
  oursOnly?: boolean;
  /** Logs each of our requests' way through the link (timelineLines), to see where the wire sits idle. */
  timeline?: boolean;
};

/** Households per link: full as issue 6 asks; quick small enough for the quick bench's three minutes. */
const HOUSEHOLDS: Record<'quick' | 'full', Record<LinkName, number>> = {
  full: { '3g': 5_000, '2g': 1_000, '3g-cut': 5_000 },
  quick: { '3g': 100, '2g': 20, '3g-cut': 100 },
};
const SEED = 6;
const VISITOR = 'Thành viên (DEMO)';
const MAX_SYNCS = 100;
/** What `oursOnly` reports for the peer it did not run. */
const NO_PEER: PouchdbFigures = {
  seconds: 0, pushSeconds: 0, pullSeconds: 0, bytesUp: 0, bytesDown: 0, requests: 0, cuts: 0,
  documents: 0, complete: false, serverDocuments: 0, replications: 0, unhandledFailures: 0,
};

/**
 * The physical limit: the payload (households and people as one plain JSON array, gzip level 6)
 * sent once up and once down at the link's bandwidth, each way with one round trip (2 × the
 * one-way latency) for asking and answering. Nothing can move the records faster.
 */
export function physicalLimitSeconds(payloadGzipBytes: number, link: LinkSettings): number {
  return 2 * (payloadGzipBytes / link.bytesPerSec + (2 * link.latencyMs) / 1000);
}

export function payloadGzipBytes(records: readonly unknown[]): number {
  return gzipSync(JSON.stringify(records), { level: 6 }).byteLength;
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const minus = (a: LinkCounts, b: LinkCounts): LinkCounts => ({
  requests: a.requests - b.requests,
  connections: a.connections - b.connections,
  bytesUp: a.bytesUp - b.bytesUp,
  bytesDown: a.bytesDown - b.bytesDown,
  cuts: a.cuts - b.cuts,
});

const ms = (t: number) => Math.round(t).toString().padStart(6);

/** Milliseconds from `from` to `to` during which no interval of `busy` runs. */
function idleMs(busy: readonly (readonly [number, number])[], from: number, to: number): number {
  let idle = 0;
  let at = from;
  for (const [start, end] of [...busy].sort((a, b) => a[0] - b[0])) {
    if (start > at) idle += Math.min(start, to) - at;
    at = Math.max(at, end);
    if (at >= to) break;
  }
  return idle + Math.max(0, to - at);
}

/**
 * One line per request, times in ms from `start`: reached the proxy, went up (first–last byte),
 * the server's time (answer ready minus request arrived), came down (first–last byte), then the
 * wire time each way and how long neither direction carried anything.
 */
export function timelineLines(events: readonly LinkEvent[], start: number, end: number, latencyMs: number): string[] {
  const lines = events.map((e) => {
    const at = (t: number | undefined) => (t === undefined ? '     -' : ms(t - start));
    const server = e.answered === undefined ? '     -' : ms(e.answered - (e.upEnd + latencyMs));
    const path = e.path.replace(/\?.*/, '');
    return `    ${path.padEnd(16)} at ${at(e.received)} up ${at(e.upStart)}–${at(e.upEnd)} server ${server} down ${at(e.downStart)}–${at(e.downEnd)}  ${(e.bytesUp / 1000).toFixed(1)} / ${(e.bytesDown / 1000).toFixed(1)} KB${e.cut ? ` cut ${e.cut}` : ''}`;
  });
  const up = events.map((e) => [e.upStart, e.upEnd] as const);
  const down = events.flatMap((e) => (e.downStart === undefined || e.downEnd === undefined ? [] : [[e.downStart, e.downEnd] as const]));
  const busy = (spans: readonly (readonly [number, number])[]) => spans.reduce((sum, [a, b]) => sum + (b - a), 0);
  lines.push(
    `    ${ms(end - start)} ms in all: up ${ms(busy(up))}, down ${ms(busy(down))}, neither ${ms(idleMs([...up, ...down], start, end))}`,
  );
  return lines;
}

/** Syncs until one sync ends well with nothing pending; a sync cut short starts again at once, as "Đồng bộ ngay" would. */
async function syncUntilDone(phone: Phone, what: string): Promise<void> {
  for (let round = 0; round < MAX_SYNCS; round++) {
    const report = await phone.sync.syncNow();
    phone.reports.push(report);
    if (report.ok && report.pending === 0) return;
    if (report.rejected > 0) throw new Error(`${what}: the server refused ${report.rejected} changes (${report.error ?? ''})`);
  }
  throw new Error(`${what}: not done after ${MAX_SYNCS} syncs (last error: ${phone.reports.at(-1)?.error ?? 'none'})`);
}

async function ourSync(name: LinkName, count: number, log: (line: string) => void, timeline = false) {
  const link = LINKS[name];
  const { households, people } = benchCommune(count);
  const dataDir = await mkdtemp(join(tmpdir(), 'ngo-so-bench-link-'));
  const server = await startServerProcess({ dataDir });
  const serverUrl = `http://127.0.0.1:${server.port}`;
  const proxy = await startLinkProxy({ upstream: serverUrl, settings: link, seed: SEED });
  const phones: Phone[] = [];
  try {
    // The push ends when the engine asks for its first pull page: it pulls only after a complete push.
    let pushEnd: { at: number; counts: LinkCounts } | undefined;
    const watching: typeof fetch = (input, init) => {
      if (pushEnd === undefined && String(input instanceof Request ? input.url : input).includes('/api/sync/pull')) {
        pushEnd = { at: performance.now(), counts: { ...proxy.counts } };
      }
      return fetch(input, init);
    };
    const recorder = freshPhone(VISITOR, { baseUrl: proxy.url, token: (await signIn(serverUrl, 'demo.member', 'bench recorder')).token, fetch: watching, random: seededRandom(SEED) });
    phones.push(recorder);
    const recordStart = performance.now();
    await recordCommune(recorder.db, { households, people }, { visitor: VISITOR, startMs: Date.now() - households.length * 1000, stepMs: 1000 });
    const pending = await recorder.db.outbox.count();
    log(`  ${name}: recorded ${count} households (${pending} mutations) in ${seconds(performance.now() - recordStart)} s; pushing`);

    proxy.resetCounts();
    const pushStart = performance.now();
    await syncUntilDone(recorder, `${name} push`);
    const syncEnd = performance.now();
    const at = pushEnd ?? { at: syncEnd, counts: { ...proxy.counts } };
    const push = at.counts;
    const echo = minus(proxy.counts, push);
    if (timeline) {
      log(`  ${name} push:`);
      for (const line of timelineLines(proxy.timeline.filter((e) => e.received < at.at), pushStart, at.at, link.latencyMs)) log(line);
    }

    const reader = freshPhone(VISITOR, { baseUrl: proxy.url, token: (await signIn(serverUrl, 'demo.member', 'bench reader')).token, random: seededRandom(SEED + 1) });
    phones.push(reader);
    proxy.resetCounts();
    const pullStart = performance.now();
    await syncUntilDone(reader, `${name} pull`);
    const pullEnd = performance.now();
    const pull = proxy.counts;
    if (timeline) {
      log(`  ${name} pull:`);
      for (const line of timelineLines(proxy.timeline, pullStart, pullEnd, link.latencyMs)) log(line);
    }

    const [gotHouseholds, gotPeople] = await Promise.all([reader.db.households.count(), reader.db.people.count()]);
    if (gotHouseholds !== households.length || gotPeople !== people.length) {
      throw new Error(`${name}: the fresh phone holds ${gotHouseholds}/${households.length} households and ${gotPeople}/${people.length} people`);
    }
    return {
      households,
      people,
      pushSeconds: seconds(at.at - pushStart),
      pullSeconds: seconds(pullEnd - pullStart),
      echoPullSeconds: seconds(syncEnd - at.at),
      echoBytesDown: echo.bytesDown,
      bytesUp: push.bytesUp + pull.bytesUp,
      bytesDown: push.bytesDown + pull.bytesDown,
      requests: push.requests + pull.requests,
      cuts: push.cuts + echo.cuts + pull.cuts,
      pushCounts: push,
      pullCounts: pull,
    };
  } finally {
    for (const p of phones) {
      p.db.close();
      await p.db.delete();
    }
    await proxy.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchSyncLinks(options: SyncLinksOptions): Promise<Record<LinkName, SyncLinkFigures>> {
  const log = options.log ?? (() => undefined);
  const sizes = HOUSEHOLDS[options.quick ? 'quick' : 'full'];
  const names = options.links ?? (Object.keys(LINKS) as LinkName[]);
  const figures: Partial<Record<LinkName, SyncLinkFigures>> = {};
  for (const name of names) {
    const link = LINKS[name];
    const ours = await ourSync(name, sizes[name], log, options.timeline);
    const payload = payloadGzipBytes([...ours.households, ...ours.people]);
    const limitSeconds = physicalLimitSeconds(payload, link);
    const total = round(ours.pushSeconds + ours.pullSeconds);
    log(`  ${name}: ours ${total} s (push ${ours.pushSeconds} s with ${ours.pushCounts.requests} requests, pull ${ours.pullSeconds} s with ${ours.pullCounts.requests}), limit ${round(limitSeconds)} s, × ${round(total / limitSeconds)}`);
    const pouchdb = options.oursOnly
      ? NO_PEER
      : await benchPouchdbPeer({ households: ours.households, people: ours.people, link, seed: SEED, log });
    if (!options.oursOnly) log(`  ${name}: PouchDB ${pouchdb.seconds} s (push ${pouchdb.pushSeconds} s, pull ${pouchdb.pullSeconds} s, ${pouchdb.requests} requests)`);
    figures[name] = {
      households: ours.households.length,
      people: ours.people.length,
      seconds: total,
      pushSeconds: ours.pushSeconds,
      pullSeconds: ours.pullSeconds,
      bytesUp: ours.bytesUp,
      bytesDown: ours.bytesDown,
      requests: ours.requests,
      cuts: ours.cuts,
      payloadGzipBytes: payload,
      limitSeconds: round(limitSeconds),
      limitRatio: round(total / limitSeconds),
      echoPullSeconds: ours.echoPullSeconds,
      echoBytesDown: ours.echoBytesDown,
      pouchdbSeconds: pouchdb.seconds,
      pouchdb,
    };
  }
  return figures as Record<LinkName, SyncLinkFigures>;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, link: { type: 'string', multiple: true }, 'ours-only': { type: 'boolean', default: false }, timeline: { type: 'boolean', default: false } },
  });
  const links = values.link?.filter((l): l is LinkName => l in LINKS);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  benchSyncLinks({ quick: values.quick, oursOnly: values['ours-only'], timeline: values.timeline, log, ...(links === undefined || links.length === 0 ? {} : { links }) })
    .then((figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
