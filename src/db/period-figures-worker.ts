// A worker that reads the commune's records and visits from the account's database and computes
// a period's figures (periodFigures: the start of the period, an earlier moment, the visits made),
// so that reading tens of thousands of records never holds the screen still. See period-figures-client.ts.
import { periodFigures } from '../domain/period-figures';
import { openDatabase, type NgoSoDb } from './database';
import { loadCommuneRecords } from './lead-records';
import type { PeriodFiguresAnswer, PeriodFiguresAsk } from './period-figures-client';

type WorkerScope = { onmessage: ((event: MessageEvent<PeriodFiguresAsk>) => void) | null; postMessage(answer: PeriodFiguresAnswer): void };
const scope = self as unknown as WorkerScope;
const open = new Map<string, NgoSoDb>();

scope.onmessage = (event) => {
  const { id, dbName, communeCode, period, now, targets } = event.data;
  const db = open.get(dbName) ?? openDatabase(dbName);
  open.set(dbName, db);
  loadCommuneRecords(db, communeCode).then(
    (data) => {
      const records = { households: data.records.map((r) => r.household), people: data.records.flatMap((r) => r.people) };
      const f = periodFigures({ records, visits: data.visits, period, now, targets });
      scope.postMessage({
        id,
        figures: { asOf: f.asOf, rows: f.rows, startRows: f.startRows, activity: f.activity, households: f.records.households.length, people: f.records.people.length },
      });
    },
    (error: unknown) => scope.postMessage({ id, error: String(error) }),
  );
};
