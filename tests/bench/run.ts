// `npm run bench [-- --quick] [-- --out file.json] [-- --only weight,server,sync,phone] [-- --both-slowed]`:
// builds the app, then measures what it weighs, how fast the server applies mutations, how
// sync fares over weak links against PouchDB, and how a throttled phone with a full commune
// feels. Prints one JSON object (keys stable, so runs can be compared over time) and a table
// against issue 6's budgets. Figures are this machine's; docs/benchmarks.md keeps them.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureWeight, type WeightFigures } from './weight';
import { benchServer, type ServerBench } from './server';
import { benchSyncLinks } from './sync-links';
import { benchPhone } from './phone';

const root = fileURLToPath(new URL('../../', import.meta.url));
const distDir = `${root}dist`;

type Part = 'weight' | 'server' | 'sync' | 'phone';
const PARTS: readonly Part[] = ['weight', 'server', 'sync', 'phone'];

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) return undefined;
  const arg = args[at] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[at + 1];
}

const quick = process.argv.includes('--quick');
const out = argument('--out');
const only = (argument('--only')?.split(',') ?? PARTS) as Part[];
for (const part of only) if (!PARTS.includes(part)) throw new Error(`--only takes ${PARTS.join(',')}; "${part}" is not one`);

const log = (line: string) => console.error(`[bench] ${line}`);
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(0);

function build(): void {
  log('building the app (vite build)…');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('vite build failed');
}

type SyncFigures = Awaited<ReturnType<typeof benchSyncLinks>>;
type PhoneFigures = Awaited<ReturnType<typeof benchPhone>>;

const figures: {
  weight?: WeightFigures;
  server?: ServerBench;
  sync?: SyncFigures;
  phone?: PhoneFigures;
} = {};

if (only.includes('weight') || only.includes('phone')) build();
if (only.includes('weight')) figures.weight = measureWeight(distDir);
if (only.includes('server')) {
  log(`server… (${seconds()} s)`);
  figures.server = await benchServer({ quick, log });
}
if (only.includes('sync')) {
  log(`sync over weak links, and PouchDB… (${seconds()} s)`);
  figures.sync = await benchSyncLinks({ quick, log });
}
if (only.includes('phone')) {
  log(`phone: throttled Chromium… (${seconds()} s)`);
  figures.phone = await benchPhone({ quick, distDir, log, bothSlowed: process.argv.includes('--both-slowed') });
}

const round = (n: number | undefined, digits = 0) => (n === undefined ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const sync = figures.sync
  ? Object.fromEntries(
      Object.entries(figures.sync).map(([link, f]) => [
        link,
        {
          seconds: round(f.seconds, 1),
          bytesUp: f.bytesUp,
          bytesDown: f.bytesDown,
          requests: f.requests,
          limitRatio: round(f.limitRatio, 2),
          pouchdbSeconds: round(f.pouchdbSeconds, 1),
        },
      ]),
    )
  : null;

const result = {
  date: new Date().toISOString(),
  quick,
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  firstStartKB: figures.weight?.firstStartKB ?? null,
  precacheKB: figures.weight?.precacheKB ?? null,
  startMs: round(figures.phone?.startMs),
  saveP95Ms: round(figures.phone?.saveP95Ms, 1),
  searchP95Ms: round(figures.phone?.searchP95Ms, 1),
  dashboardMs: round(figures.phone?.dashboardMs),
  followUpMs: round(figures.phone?.followUpMs),
  serverMutationsPerSec: round(figures.server?.serverMutationsPerSec),
  sync,
  details: figures,
};

console.log(JSON.stringify(result, null, 2));
if (out) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

// The table: each figure against its budget.
type Row = [what: string, measured: string, budget: string, ok: boolean | null];
const rows: Row[] = [];
const show = (n: number | null | undefined, unit: string) => (n === null || n === undefined ? '—' : `${n.toLocaleString('en-US')} ${unit}`);
const within = (n: number | null | undefined, max: number) => (n === null || n === undefined ? null : n <= max);
rows.push(['first start JS+CSS (gzip)', show(result.firstStartKB, 'KB'), '≤ 60 KB', within(result.firstStartKB, 60)]);
rows.push(['whole precache (gzip)', show(result.precacheKB, 'KB'), '—', null]);
rows.push(['start, 4× CPU, offline', show(result.startMs, 'ms'), '≤ 1,500 ms', within(result.startMs, 1500)]);
rows.push(['save household of 4, p95', show(result.saveP95Ms, 'ms'), '≤ 50 ms', within(result.saveP95Ms, 50)]);
rows.push(['search, p95', show(result.searchP95Ms, 'ms'), '≤ 50 ms', within(result.searchP95Ms, 50)]);
rows.push(['open dashboard', show(result.dashboardMs, 'ms'), '≤ 300 ms', within(result.dashboardMs, 300)]);
rows.push(['open follow-up list', show(result.followUpMs, 'ms'), '≤ 200 ms', within(result.followUpMs, 200)]);
rows.push([
  'server mutations/s',
  show(result.serverMutationsPerSec, '/s'),
  '≥ 5,000 /s',
  result.serverMutationsPerSec === null ? null : result.serverMutationsPerSec >= 5000,
]);
for (const [link, f] of Object.entries(sync ?? {})) {
  const limit = link === '3g-cut' ? 2 : 1.5;
  rows.push([`sync ${link}: × physical limit`, show(f.limitRatio, '×'), `≤ ${limit} ×`, within(f.limitRatio, limit)]);
  rows.push([
    `sync ${link}: ours vs PouchDB`,
    `${show(f.seconds, 's')} vs ${show(f.pouchdbSeconds, 's')}`,
    'faster',
    f.seconds === null || f.pouchdbSeconds === null ? null : f.seconds < f.pouchdbSeconds,
  ]);
}
const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
console.error('');
for (const [what, measured, budget, ok] of rows) {
  console.error(`${what.padEnd(width[0] ?? 0)}  ${measured.padStart(width[1] ?? 0)}  ${budget.padEnd(width[2] ?? 0)}  ${ok === null ? '' : ok ? 'ok' : 'OVER'}`);
}
console.error(`\n${quick ? 'quick ' : ''}bench took ${seconds()} s`);
