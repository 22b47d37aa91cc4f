// Dexie's liveQuery as a Preact hook: screens re-render when the records they read change.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export type LiveResult<T> = { value: T | undefined; error: unknown };

export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ value: undefined, error: undefined });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setResult({ value, error: undefined }),
      error: (error: unknown) => setResult((r) => ({ value: r.value, error })),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return result;
}
