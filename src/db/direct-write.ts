// A write transaction with IndexedDB itself, on the database Dexie has open, for the one write a
// person waits on (a new household's save): Dexie's promise and transaction bookkeeping cost a
// slow phone more than the writes. After the commit, Dexie's live queries and query cache are
// told what changed, with the same parts Dexie names for its own writes (its "storagemutated").
import { RangeSet, type Dexie, type ObservabilitySet } from 'dexie';
import { changePart, requested } from './idb-request';

/** Dexie's name for the event that tells its live queries and cache of a change made elsewhere. */
const STORAGE_MUTATED = 'x-storagemutated-1';

export type DirectWrite = {
  /** A row read in the transaction. */
  get<T>(table: string, key: IDBValidKey): Promise<T | undefined>;
  /** Rows added (a key already there aborts the transaction with a ConstraintError) or put; nothing waits on them. */
  write(table: string, how: 'add' | 'put', rows: readonly object[]): void;
};

/**
 * What a write of `rows` to `table` changed, in Dexie's terms: the primary keys (as written and
 * as possibly deleted: Dexie knows nothing older of them) and each index's keys of the rows.
 */
export function changedParts(db: Dexie, table: string, rows: readonly object[], parts: ObservabilitySet = {}): ObservabilitySet {
  const schema = db.core.schema.tables.find((t) => t.name === table);
  if (schema === undefined) throw new Error(`no table ${table}`);
  const part = (index: string) => (parts[changePart(db.name, table, index)] ??= new RangeSet());
  const primary = schema.primaryKey.extractKey;
  if (primary === null) throw new Error(`table ${table} has no inbound key`);
  const keys = rows.map((row) => primary(row) as unknown);
  (part('') as RangeSet).addKeys(keys as never[]);
  (part(':dels') as RangeSet).addKeys(keys as never[]);
  for (const index of schema.indexes) {
    const extract = index.extractKey;
    if (extract === null) continue;
    const set = part(index.name ?? '') as RangeSet;
    for (const row of rows) {
      const key = extract(row) as unknown;
      if (key === undefined || key === null) continue;
      if (index.multiEntry === true && Array.isArray(key)) set.addKeys(key as never[]);
      else set.addKey(key as never);
    }
  }
  return parts;
}

/** The channel other tabs' Dexie listens on; opened at the first use. */
let channel: BroadcastChannel | undefined;

/**
 * Tells Dexie of a change committed without it. This page: at once, by the event Dexie's
 * listener passes to its live queries and query cache (cached results of a closed screen are
 * dropped, not served again for 3 s). Other pages (tabs, workers): on Dexie's channel, once the
 * page is idle, because this page's own Dexie hears the channel too and runs its live queries
 * again for it. Where there is no such event (Node), the channel alone tells this Dexie as well.
 */
export function announceChange(parts: ObservabilitySet): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const post = () => {
    if (channel === undefined) {
      channel = new BroadcastChannel(STORAGE_MUTATED);
      (channel as { unref?: () => void }).unref?.();
    }
    channel.postMessage(parts);
  };
  if (typeof dispatchEvent !== 'function') return post();
  dispatchEvent(new CustomEvent(STORAGE_MUTATED, { detail: parts }));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(post);
  else setTimeout(post, 0);
}

/**
 * Runs `work` in one read-write transaction over `tables`, resolves once it committed, and then
 * tells Dexie what it wrote. Fails, with nothing kept, if a request fails (its error, e.g. a
 * ConstraintError of an `add`) or `work` throws (its error). Dexie must have the database open.
 */
export async function directTransaction(db: Dexie, tables: readonly string[], work: (tx: DirectWrite) => Promise<void>): Promise<void> {
  const tx = db.backendDB().transaction(tables, 'readwrite');
  const written: [table: string, rows: readonly object[]][] = [];
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('The save was undone', 'AbortError'));
  });
  const writer: DirectWrite = {
    get: <T>(table: string, key: IDBValidKey) => requested(tx.objectStore(table).get(key) as IDBRequest<T | undefined>),
    write(table, how, rows) {
      if (rows.length === 0) return;
      const store = tx.objectStore(table);
      for (const row of rows) {
        if (how === 'add') store.add(row);
        else store.put(row);
      }
      written.push([table, rows]);
    },
  };
  let thrown: { error: unknown } | undefined;
  try {
    await work(writer);
    // Nothing more will be asked: committed as soon as the writes are done, not once this page has
    // taken each write's answer (a slow phone's turn, ~3 ms at 4×). Older browsers commit by themselves.
    tx.commit?.();
  } catch (error) {
    // A failed request aborts the transaction itself, and its error is the cause; otherwise
    // nothing half done may commit.
    if (tx.error === null) {
      thrown = { error };
      try {
        tx.abort();
      } catch {
        // Already finished: `done` says how.
      }
    }
  }
  // What Dexie is told is worked out while the database commits, not before the writes go; in a
  // save's rehearsal too (undone, nobody told), so that its code is compiled before the tap.
  const parts: ObservabilitySet = {};
  for (const [table, rows] of written) changedParts(db, table, rows, parts);
  try {
    await done;
  } catch (error) {
    throw thrown === undefined ? error : thrown.error;
  }
  if (thrown !== undefined) throw thrown.error;
  announceChange(parts);
}

