// What the sync endpoint needs from storage, and nothing more: apply a push, answer a pull,
// hand the complete records of a commune to be counted, close. SQLite implements it
// (sqlite-store.ts); a PostgreSQL store would implement the same.
import type { Household } from '../../domain/household';
import type { Person } from '../../domain/person';
import type { EntityKind, Mutation, MutationResult, SyncedRecord } from '../../domain/sync-protocol';

/** Where a caller may read and write: one commune, and within it every hamlet or only some. */
export type Scope = { communeCode: string; hamletCodes: readonly string[] | null };

/** Who sent a request: their scope (from the token) and the device and user it names. */
export type Caller = { scope: Scope; deviceId: string; userId: string };

export type PullPage = {
  records: SyncedRecord[];
  /** The last change included, to continue from; the `after` asked for when none was. */
  lastSeq: number;
  more: boolean;
  /**
   * Where the next page (asked from `lastSeq` with the same limit) will end, when yet another
   * page follows it: a phone may ask for that one at once instead of a round trip later.
   */
  aheadSeq?: number;
  /** Asked with `skip`: the change the page starts after (the skip-th after `afterSeq`); none when there are not that many. */
  fromSeq?: number;
};

export type SyncStore = {
  /**
   * Applies each mutation at most once, in order, each on its own (one refused mutation
   * never blocks the rest), and answers one result per mutation in the same order. Every
   * result is durable when this returns. `nowMs` is the server's clock.
   */
  push(caller: Caller, mutations: readonly Mutation[], nowMs: number): Promise<MutationResult[]>;
  /**
   * Complete records and tombstones in the scope changed after `afterSeq`, oldest change first;
   * with `skip`, the page after the first `skip` of them (a phone asks for the page after the
   * next one before the next one has arrived).
   */
  pull(scope: Scope, afterSeq: number, limit: number, skip?: number): Promise<PullPage>;
  /** Every complete household and person of a commune, for counting (never served to a phone). */
  completeRecords(communeCode: string): Promise<{ households: Household[]; people: Person[] }>;
  /** How many records of each kind the scope holds now, per hamlet: what a phone of it can hold at most. */
  countsInScope(scope: Scope): Promise<Record<string, Record<EntityKind, number>>>;
  /** How many mutations from this device were applied. */
  appliedFromDevice(deviceId: string): Promise<number>;
  /** Made when the database was created: a cursor from another database starts over. */
  readonly databaseId: string;
  close(): Promise<void>;
};
