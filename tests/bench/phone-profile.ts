// Where the phone's time goes: CPU profiles (CDP Profiler, CPU slowed 4×) of one start, one save
// and one search on the bench phone, each written as a .cpuprofile (open in Chrome DevTools) and
// summed up by function, self time first. Build unminified to read the names:
//   npx vite build --minify false --outDir /tmp/ngo-so-dist-dev
//   node --import tsx tests/bench/phone-profile.ts --dist /tmp/ngo-so-dist-dev [--households 2000] [--out /tmp] [--reads-only]
// --save-profiles N: instead, N saves each profiled alone (ngo-so-save-N.cpuprofile), to sum up.
// --time-saves N: instead, N saves timed as the bench does (no profile), for a quick A/B.
// --save-traces N: instead, N saves under a Chrome trace each (style, layout, paint and every task
// of the page's main thread from the tap to "Đã lưu" painted), written and summed up task by task.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { benchCommune } from './commune';
import { TAP_TRACE_CATEGORIES, tapTasks, type TraceEvent } from './trace-summary';
import { CPU_SLOWDOWN, START_HAMLET, fillNewHousehold, plain, throttle, timedSaveTap, timedSearch, timedStart, withBenchPhones } from './phone';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

async function profiled<T>(cdp: CDPSession, run: () => Promise<T>): Promise<{ result: T; profile: Profile }> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await run();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  return { result, profile };
}

/** Self and total ms by function (name, file, line), the largest self times first. */
function summary(profile: Profile, top = 30): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (node === undefined) return;
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at);
      if (n === undefined) break;
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  const line = (k: string) => `${(self.get(k) ?? 0).toFixed(0).padStart(7)} ${(total.get(k) ?? 0).toFixed(0).padStart(7)}  ${k}`;
  const bySelf = [...self.keys()].sort((a, b) => (self.get(b) ?? 0) - (self.get(a) ?? 0)).slice(0, top);
  const byTotal = [...total.keys()].filter((k) => !k.startsWith('(')).sort((a, b) => (total.get(b) ?? 0) - (total.get(a) ?? 0)).slice(0, top);
  return ['   self   total  (ms) by self time', ...bySelf.map(line), '   self   total  (ms) by total time', ...byTotal.map(line)];
}

/**
 * Two ways to read the people of N households in one transaction, timed in the page (CPU
 * throttled): a cursor over the householdId index jumping from id to id (Dexie's anyOf, as
 * db/households.ts withPeople does), and one getAll of the index per household, all at once.
 */
function peopleReads(page: import('playwright-core').Page, sizes: readonly number[]) {
  // As a script: tsx names the inner functions with a helper the page does not have.
  const read = async (ns: readonly number[]) => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => /^ngo-so-.+/.test(n) && n !== 'keyval-store');
    if (name === undefined) throw new Error('no account database');
    const db = await request(indexedDB.open(name));
    const allIds = ((await request(db.transaction('households').objectStore('households').getAllKeys())) as string[]).sort();
    const out: Record<string, { cursorMs: number; getAllMs: number; people: number }> = {};
    for (const n of ns) {
      const ids = allIds.filter((_, i) => i % Math.max(1, Math.floor(allIds.length / n)) === 0).slice(0, n);
      let began = performance.now();
      const viaCursor = await new Promise<number>((resolve, reject) => {
        const index = db.transaction('people').objectStore('people').index('householdId');
        let at = 0;
        let found = 0;
        const cursorRequest = index.openCursor(IDBKeyRange.bound(ids[0], ids[ids.length - 1]));
        cursorRequest.onerror = () => reject(cursorRequest.error);
        cursorRequest.onsuccess = () => {
          const cursor = cursorRequest.result;
          if (cursor === null) return resolve(found);
          const key = String(cursor.key);
          while (at < ids.length && (ids[at] ?? '') < key) at++;
          if (at === ids.length) return resolve(found);
          if (ids[at] === key) {
            found++;
            cursor.continue();
          } else cursor.continue(ids[at]);
        };
      });
      const cursorMs = performance.now() - began;
      began = performance.now();
      const index = db.transaction('people').objectStore('people').index('householdId');
      const viaGetAll = (await Promise.all(ids.map((id) => request(index.getAll(IDBKeyRange.only(id)))))).reduce((k, rows) => k + rows.length, 0);
      const getAllMs = performance.now() - began;
      if (viaCursor !== viaGetAll) throw new Error(`the two reads disagree: ${viaCursor} and ${viaGetAll}`);
      out[String(n)] = { cursorMs: Math.round(cursorMs), getAllMs: Math.round(getAllMs), people: viaGetAll };
    }
    db.close();
    return out;
  };
  return page.evaluate(`(() => { const __name = (f) => f; return (${read.toString()})(${JSON.stringify(sizes)}); })()`) as ReturnType<typeof read>;
}

/**
 * The page's main thread from the tap to `untilMs` after it (tapTasks: every task, and inside it
 * the events of at least 0.2 ms), then the app's user timing marks in that window.
 */
function traceSummary(events: readonly TraceEvent[], untilMs: number): string[] {
  const tap = tapTasks(events, untilMs, { minMs: 0.2, maxDepth: 4 });
  if (tap === undefined) return ['no click in the trace'];
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && e.ts >= tap.click.ts && e.ts <= tap.end);
  return [...tap.lines, ...marks.map((m) => `user timing ${m.name} ${m.ph} at ${((m.ts - tap.click.ts) / 1000).toFixed(1)}`)];
}


const households = Number(argument('--households') ?? 2000);
const out = argument('--out') ?? '/tmp';
const log = (line: string) => console.error(line);
await withBenchPhones({ households, distDir: argument('--dist'), log }, async ({ member }) => {
  const { page, cdp } = member;
  await page.evaluate((h) => (window.location.hash = h), `#/thon/${START_HAMLET}`);
  await timedStart(page);
  await throttle(cdp, CPU_SLOWDOWN);
  const query = plain(benchCommune(households).people[7]?.name ?? 'nguyen van an');
  // Each profile covers the measured part only: the form is filled before the save's starts.
  const runs = [
    ['start', async () => undefined, () => timedStart(page).then((s) => s.rowsPainted)],
    ['save', () => fillNewHousehold(page, 1), () => timedSaveTap(page).then((s) => s.savedMs)],
    ['search', async () => undefined, () => timedSearch(page, query)],
  ] as const;
  console.log(`\n== reading people of N households, CPU ${CPU_SLOWDOWN}× (ms): ${JSON.stringify(await peopleReads(page, [20, 50, 200, Math.round(households / 3)]))}`);
  if (process.argv.includes('--reads-only')) return;
  const profiles = Number(argument('--save-profiles') ?? 0);
  for (let i = 0; i < profiles; i++) {
    await fillNewHousehold(page, 300 + i);
    const { result, profile } = await profiled(cdp, () => timedSaveTap(page));
    const file = join(out, `ngo-so-save-${i + 1}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.log(`save ${i + 1}: ${Math.round(result.savedMs)} ms (profiled) → ${file}`);
  }
  if (profiles > 0) return;
  const timed = Number(argument('--time-saves') ?? 0);
  if (timed > 0) {
    const runs: number[] = [];
    for (let i = 0; i < timed; i++) {
      await fillNewHousehold(page, 200 + i);
      const run = await timedSaveTap(page);
      runs.push(run.savedMs);
      console.log(`save ${i + 1}: ${Math.round(run.savedMs)} ms (commit ${Math.round(run.commitMs)})`);
    }
    const sorted = [...runs].sort((a, b) => a - b);
    const at = (p: number) => Math.round(sorted[Math.max(0, Math.ceil((sorted.length * p) / 100) - 1)] ?? Number.NaN);
    console.log(`saves: median ${at(50)} / p95 ${at(95)} ms`);
    return;
  }
  const traces = Number(argument('--save-traces') ?? 0);
  const browser = page.context().browser();
  if (traces > 0 && browser !== null) {
    for (let i = 0; i < traces; i++) {
      await fillNewHousehold(page, 100 + i);
      await browser.startTracing(page, { categories: TAP_TRACE_CATEGORIES });
      const run = await timedSaveTap(page);
      const trace = await browser.stopTracing();
      const file = join(out, `ngo-so-save-${i + 1}.trace.json`);
      await writeFile(file, trace);
      const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
      console.log(`\n== save ${i + 1} traced: ${Math.round(run.savedMs)} ms saved (commit ${Math.round(run.commitMs)}) → ${file}`);
      console.log(traceSummary(traceEvents, run.savedMs + 20).join('\n'));
    }
    return;
  }
  for (const [name, before, run] of runs) {
    await before();
    const { result, profile } = await profiled(cdp, run);
    const file = join(out, `ngo-so-${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.log(`\n== ${name}: ${Math.round(result)} ms (profiled, so slower) → ${file}`);
    console.log(summary(profile).join('\n'));
  }
});
