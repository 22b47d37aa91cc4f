// Dexie's liveQuery as a Preact hook: screens re-render when the records they read change.
import { Dexie, liveQuery, type ObservabilitySet } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

export type LiveResult<T> = { value: T | undefined; error: unknown };

export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ value: undefined, error: undefined });
  // A layout effect starts the query before the first paint, not after it: on a slow phone a
  // screen would otherwise spend a whole frame drawing "loading" before asking for its records.
  useLayoutEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setResult({ value, error: undefined }),
      error: (error: unknown) => setResult((r) => ({ value: r.value, error })),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return result;
}

/**
 * Calls `changed` after each committed write to these tables of `db`, on this page or in another
 * tab or worker: what a live query listens to, for a screen that reads on its own and must read
 * again only when something changed (a live query's first read runs the whole query again).
 * Returns the call that stops listening.
 */
export function onTablesChanged(db: Dexie, tables: readonly string[], changed: () => void): () => void {
  const prefixes = tables.map((t) => `idb://${db.name}/${t}/`);
  // "all": Dexie's word for "anything may have changed" (a page back from the browser's cache).
  const listener = (parts: ObservabilitySet) => {
    if (Object.keys(parts).some((part) => part === 'all' || prefixes.some((p) => part.startsWith(p)))) changed();
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}
