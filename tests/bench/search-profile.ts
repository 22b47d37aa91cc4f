// Where a slow search's time goes, on the bench's path: the phone bench's starts and 20 saves,
// then its searches (the same names, CPU slowed 4×), each timed as the bench does and, with
// --trace, under a Chrome trace (main thread tasks, GC, IndexedDB) summed up when slower than
// --slow ms. Build unminified to read the names:
//   npx vite build --minify false --outDir /tmp/search-dev --emptyOutDir
//   node --import tsx tests/bench/search-profile.ts --dist /tmp/search-dev [--households 10000]
//     [--saves 20] [--searches 20] [--trace] [--slow 80] [--out /tmp] [--lead-fast]
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchCommune } from './commune';
import { TAP_TRACE_CATEGORIES, tapTasks, type TraceEvent } from './trace-summary';
import { CPU_SLOWDOWN, START_HAMLET, fillNewHousehold, plain, searchTapped, tapToPaint, throttle, timedSaveTap, timedStart, withBenchPhones } from './phone';

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

/** A tap's categories, and GC and IndexedDB's, in the page and elsewhere. */
const TRACE_CATEGORIES = [
  ...TAP_TRACE_CATEGORIES,
  'v8',
  'disabled-by-default-v8.gc',
  'IndexedDB',
  'blink',
];

/**
 * From the click's dispatch to `untilMs` after it: the page's main thread (tasks, nested events of
 * ≥ 0.5 ms), its GC time, and the IndexedDB events of other threads and processes.
 */
function traceSummary(events: readonly TraceEvent[], untilMs: number): string[] {
  const tap = tapTasks(events, untilMs, { minMs: 0.5, maxDepth: 5 });
  if (tap === undefined) return ['no click in the trace'];
  const { click, inWindow, onThread, lines } = tap;
  const gc = onThread.filter((e) => /GC|Scavenge|MarkCompact|Sweep/i.test(e.name) && !e.name.startsWith('V8.GC_'));
  const gcMs = new Map<string, number>();
  for (const e of gc) gcMs.set(e.name, (gcMs.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  lines.push(`GC on the main thread: ${[...gcMs].map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(', ') || 'none'}`);
  const elsewhere = events.filter((e) => !(e.pid === click.pid && e.tid === click.tid) && inWindow(e) && /IndexedDB|IDB|Leveldb|LevelDB/i.test(`${e.cat} ${e.name}`) && (e.dur ?? 0) >= 500);
  for (const e of elsewhere.slice(0, 40)) {
    lines.push(`  other thread ${e.pid}/${e.tid} ${((e.ts - click.ts) / 1000).toFixed(1).padStart(7)} ${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} ${e.name}`);
  }
  return lines;
}

type Script = { invoker: string; invokerType: string; sourceFunctionName: string; sourceURL: string; sourceCharPosition: number; startTime: number; duration: number; forcedStyleAndLayoutDuration: number };
type LongFrame = { startTime: number; duration: number; renderStart: number; styleAndLayoutStart: number; blockingDuration: number; scripts: Script[] };

/** What the page noted (init script below): its long animation frames, its last click, its IndexedDB requests. */
function pageLog(page: import('playwright-core').Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __loafs: LongFrame[]; __clicks: number[]; __idb: { what: string; asked: number; answered: number }[] };
    return { loafs: w.__loafs, click: w.__clicks.at(-1) ?? 0, idb: w.__idb };
  });
}

/** The long animation frames from 300 ms before the last click to `ms` after it, with their scripts of ≥ 1 ms. */
async function longFrames(page: import('playwright-core').Page, ms: number): Promise<string> {
  const { loafs, click, idb } = await pageLog(page);
  const at = (t: number) => (t - click).toFixed(1).padStart(7);
  const requests = idb
    .filter((r) => r.asked >= click - 300 && r.asked <= click + ms)
    .map((r) => `${at(r.asked)} → ${r.answered === 0 ? '   none' : at(r.answered)}   ${r.what}`);
  return [...requests, ...loafs
    .filter((f) => f.startTime + f.duration >= click - 300 && f.startTime <= click + ms)
    .flatMap((f) => [
      `${at(f.startTime)} ${f.duration.toFixed(1).padStart(6)} frame (render at ${at(f.renderStart)}, style/layout at ${at(f.styleAndLayoutStart)})`,
      ...f.scripts
        .filter((s) => s.duration >= 1)
        .map((s) => `${at(s.startTime)} ${s.duration.toFixed(1).padStart(6)}   ${s.invokerType} ${s.invoker} → ${s.sourceFunctionName}@${s.sourceURL.split('/').pop() ?? ''}:${s.sourceCharPosition} (forced style/layout ${s.forcedStyleAndLayoutDuration.toFixed(1)})`),
    ])].join('\n');
}

/** Where a search's time went, from its IndexedDB requests after the last click: ask → answers, per index. */
async function phases(page: import('playwright-core').Page, dom: number): Promise<string> {
  const { click, idb } = await pageLog(page);
  const after = idb.filter((r) => r.asked >= click && r.asked <= dom);
  const at = (t: number) => Math.round(t - click);
  const groups = new Map<string, { asked: number; answered: number; n: number }>();
  for (const r of after) {
    const g = groups.get(r.what) ?? { asked: r.asked, answered: 0, n: 0 };
    groups.set(r.what, { asked: Math.min(g.asked, r.asked), answered: Math.max(g.answered, r.answered), n: g.n + 1 });
  }
  return [...groups].map(([what, g]) => `${what} ×${g.n} ${at(g.asked)}→${at(g.answered)}`).join(' | ') + ` | DOM ${at(dom)}`;
}

const households = Number(argument('--households') ?? 10_000);
const saves = Number(argument('--saves') ?? 20);
const searchCount = Number(argument('--searches') ?? 20);
const slow = Number(argument('--slow') ?? 80);
const tracing = process.argv.includes('--trace');
const out = argument('--out') ?? '/tmp';
const log = (line: string) => console.error(line);
await withBenchPhones({ households, distDir: argument('--dist'), log }, async ({ member, lead }) => {
  const { page, cdp } = member;
  // The bench slows the lead's phone too (idle on its home screen, in the same browser).
  if (!process.argv.includes('--lead-fast')) await throttle(lead.cdp, CPU_SLOWDOWN);
  // Long animation frames (with the scripts that ran in them) and clicks, noted by the page itself:
  // tracing costs so much that it changes what overlaps what.
  await page.addInitScript({
    content: `(() => {
      const w = window; w.__loafs = []; w.__clicks = [];
      addEventListener('click', () => w.__clicks.push(performance.now()), true);
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__loafs.push(e.toJSON()); }).observe({ type: 'long-animation-frame', buffered: true });
      // Each IndexedDB request: when asked, when its answer came (the success event's task began).
      w.__idb = [];
      const watch = (proto, kind) => {
        for (const m of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor', 'put', 'add', 'delete']) {
          const f = proto[m];
          if (typeof f !== 'function') continue;
          proto[m] = function (...args) {
            const r = f.apply(this, args);
            const note = { what: kind + '.' + m + ' ' + this.name, asked: performance.now(), answered: 0 };
            w.__idb.push(note);
            if (w.__idb.length > 5000) w.__idb.splice(0, 2500);
            r.addEventListener('success', () => { if (note.answered === 0) note.answered = performance.now(); });
            return r;
          };
        }
      };
      watch(IDBObjectStore.prototype, 'store');
      watch(IDBIndex.prototype, 'index');
    })();`,
  });
  await page.evaluate((h) => (window.location.hash = h), `#/thon/${START_HAMLET}`);
  await timedStart(page);
  await throttle(cdp, CPU_SLOWDOWN);
  // As the bench: seven starts, then the saves, then the searches.
  for (let i = 0; i < 7; i++) await timedStart(page);
  for (let i = 0; i < saves; i++) {
    await fillNewHousehold(page, i + 1);
    const run = await timedSaveTap(page);
    log(`save ${i + 1}/${saves}: ${Math.round(run.savedMs)} ms`);
  }
  const { people } = benchCommune(households);
  const step = Math.max(1, Math.floor(people.length / 20));
  const queries = Array.from({ length: searchCount }, (_, i) => plain(people[((i % 20) * step + 3) % people.length]?.name ?? 'nguyen van an'));
  const browser = page.context().browser();
  const runs: number[] = [];
  for (const [i, q] of queries.entries()) {
    if (tracing && browser !== null) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const tap = await searchTapped(page, q);
    const ms = tapToPaint(tap);
    runs.push(ms);
    console.log(`search ${i + 1}/${queries.length} "${q}": ${Math.round(ms)} ms (rows in the DOM at ${Math.round(tap.dom - tap.input)})`);
    console.log(`  ${await phases(page, tap.dom)}`);
    if (!tracing && ms >= slow) console.log(await longFrames(page, ms));
    if (tracing && browser !== null) {
      const trace = await browser.stopTracing();
      if (ms < slow) continue;
      const file = join(out, `ngo-so-search-${i + 1}.trace.json`);
      await writeFile(file, trace);
      const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
      console.log(`== search ${i + 1} traced → ${file}\n${traceSummary(traceEvents, ms + 20).join('\n')}`);
    }
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.max(0, Math.ceil((sorted.length * p) / 100) - 1)] ?? Number.NaN);
  console.log(`searches: median ${at(50)} / p95 ${at(95)} ms; runs ${runs.map(Math.round).join(' ')}`);
});
