// Dexie's liveQuery as a Preact hook: screens re-render when the records they read change.
import { liveQuery } from 'dexie';
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
