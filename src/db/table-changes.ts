// Dexie's "these tables changed" as a call, for a screen or a cache that reads on its own (kept
// apart from ui/live-query.ts, which the first start loads: only search uses it).
import { Dexie, type ObservabilitySet } from 'dexie';
import { changePart } from './idb-request';

/**
 * Calls `changed` after each committed write to these tables of `db`, on this page or in another
 * tab or worker: what a live query listens to, for a screen that reads on its own and must read
 * again only when something changed (a live query's first read runs the whole query again).
 * Returns the call that stops listening.
 */
export function onTablesChanged(db: Dexie, tables: readonly string[], changed: () => void): () => void {
  const prefixes = tables.map((t) => changePart(db.name, t));
  // "all": Dexie's word for "anything may have changed" (a page back from the browser's cache).
  const listener = (parts: ObservabilitySet) => {
    if (Object.keys(parts).some((part) => part === 'all' || prefixes.some((p) => part.startsWith(p)))) changed();
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}
