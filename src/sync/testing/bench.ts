// A bench for the engine's unit tests: phones (Dexie databases in fake-indexeddb) and engines
// wired to an in-memory fake server, with the sleeps of backoff recorded instead of waited.
// Made fresh for each test, so no state is shared between tests.
import { newHousehold, type Household } from '../../domain/household';
import { newPerson, type Person } from '../../domain/person';
import { openDatabase, type NgoSoDb } from '../../db/database';
import { saveHousehold } from '../../db/households';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../engine';
import { createFakeServer, type FakeServer, type SeenRequest } from './fake-server';

export const T0 = '2026-03-01T08:00:00.000Z';
/** The phones' clock in these tests. */
export const PHONE_NOW = Date.parse('2026-03-05T08:00:00.000Z');

export const household = (id: string, change: Partial<Household> = {}): Household => ({
  ...newHousehold({ id, communeCode: 'X1', hamletCode: 'T1', createdAt: T0 }),
  headName: `Chủ hộ ${id}`,
  ...change,
});

export const person = (id: string, householdId: string, change: Partial<Person> = {}): Person => ({
  ...newPerson({ id, householdId, name: `Người ${id}`, birthYear: 1990, consent: { givenBy: 'self', givenAt: T0, recordedBy: 'Tổ', textVersion: 'v1' }, updatedAt: T0 }),
  ...change,
});

export type Bench = {
  server: FakeServer;
  /** Every backoff wait asked for, in ms. */
  sleeps: number[];
  phone(): NgoSoDb;
  engine(db: NgoSoDb, change?: Partial<SyncEngineOptions>): SyncEngine;
  /** Households h0…, each with one person and its visit: three mutations each. */
  recordHouseholds(db: NgoSoDb, count: number, prefix?: string, notes?: string): Promise<void>;
  pushes(): SeenRequest[];
  close(): Promise<void>;
};

export function createBench(): Bench {
  const server = createFakeServer();
  const sleeps: number[] = [];
  const dbs: NgoSoDb[] = [];
  return {
    server,
    sleeps,
    phone() {
      const db = openDatabase(`ngo-so-sync-${crypto.randomUUID()}`);
      dbs.push(db);
      return db;
    },
    engine(db, change = {}) {
      return createSyncEngine({
        db,
        baseUrl: 'http://commune.test/',
        token: 'ngo-so-demo',
        userId: 'Lò Thị Mây',
        fetch: server.fetch,
        now: () => PHONE_NOW,
        random: () => 0.5,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        timeoutMs: 50,
        ...change,
      });
    },
    async recordHouseholds(db, count, prefix = 'h', notes = '') {
      for (let i = 0; i < count; i++) {
        const id = `${prefix}${i}`;
        await saveHousehold(db, { household: household(id), people: [person(`${id}-p`, id)], visitId: `${id}-v`, visitor: 'Lò Thị Mây', notes, now: T0 });
      }
    },
    pushes: () => server.requests.filter((r) => r.path === '/api/sync/push'),
    async close() {
      await Promise.all(dbs.splice(0).map((db) => db.delete()));
    },
  };
}
