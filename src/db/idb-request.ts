// IndexedDB itself, for the few reads and writes a person waits on (first-save.ts, search.ts):
// Dexie's bookkeeping costs a slow phone more than the requests. Small: the screens that use it
// load it, the first start does not.

/** A request's result once it succeeded; its error if it failed. Awaited in a transaction, it keeps the transaction open. */
export function requested<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Dexie's name for what a write changed in a table's index (`''`: its primary key), in the parts its change events carry. */
export function changePart(dbName: string, table: string, index = ''): string {
  return `idb://${dbName}/${table}/${index}`;
}
