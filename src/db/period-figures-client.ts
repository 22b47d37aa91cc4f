// A period's figures computed from every record and visit of the commune (periodFigures) in a
// worker (period-figures-worker.ts), off the screen's thread: at 10,000 households a cheap phone
// reads for many seconds. Where there is no Worker (tests in Node), computed here instead.
import type { Activity } from '../domain/as-of';
import type { IndicatorCoverage, Targets } from '../domain/coverage';
import type { Period } from '../domain/period';
import { periodFigures } from '../domain/period-figures';
import type { NgoSoDb } from './database';
import { loadCommuneRecords } from './lead-records';

export type PeriodFiguresInput = { communeCode: string; period: Period; now: string; targets: Targets };

/** What the lead's screens show of periodFigures, with how many households and people it counted. */
export type PeriodSummary = {
  asOf: string;
  rows: IndicatorCoverage[];
  startRows: IndicatorCoverage[];
  activity: Activity;
  households: number;
  people: number;
};

export type PeriodFiguresAsk = PeriodFiguresInput & { id: number; dbName: string };
export type PeriodFiguresAnswer = { id: number; figures?: PeriodSummary; error?: string };

async function here(db: NgoSoDb, input: PeriodFiguresInput): Promise<PeriodSummary> {
  const data = await loadCommuneRecords(db, input.communeCode);
  const records = { households: data.records.map((r) => r.household), people: data.records.flatMap((r) => r.people) };
  const f = periodFigures({ records, visits: data.visits, ...input });
  return { asOf: f.asOf, rows: f.rows, startRows: f.startRows, activity: f.activity, households: f.records.households.length, people: f.records.people.length };
}

/** One worker per computation, ended when it answers or when `signal` aborts (the screen closed). */
export function computePeriodFigures(db: NgoSoDb, input: PeriodFiguresInput, signal?: AbortSignal): Promise<PeriodSummary> {
  if (typeof Worker === 'undefined') return here(db, input);
  const worker = new Worker(new URL('./period-figures-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<PeriodSummary>((resolve, reject) => {
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      end();
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<PeriodFiguresAnswer>) => {
      end();
      if (event.data.figures) resolve(event.data.figures);
      else reject(new Error(event.data.error ?? 'period figures failed'));
    };
    // A worker that cannot start (an old browser, a missing file): computed here instead.
    worker.onerror = () => {
      end();
      here(db, input).then(resolve, reject);
    };
    worker.postMessage({ ...input, id: 1, dbName: db.name } satisfies PeriodFiguresAsk);
  });
}
