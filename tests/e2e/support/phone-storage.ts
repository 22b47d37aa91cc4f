// What a phone holds, read the way a forensic look would: every IndexedDB database of the
// origin, every store, every key and value, and the URLs in Cache Storage.
import type { Page } from 'playwright-core';

export type PhoneStorage = {
  /** Names of the IndexedDB databases on the origin. */
  databases: string[];
  /** Every key and value of every store, as JSON, one line per store. */
  text: string;
  /** Every URL in Cache Storage (the service worker's precache). */
  cachedUrls: string[];
};

export function readPhoneStorage(page: Page): Promise<PhoneStorage> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const infos = await indexedDB.databases();
    const lines: string[] = [];
    for (const info of infos) {
      const name = info.name;
      if (name === undefined) continue;
      const db = await request(indexedDB.open(name));
      for (const store of Array.from(db.objectStoreNames)) {
        const os = db.transaction(store).objectStore(store);
        const [keys, values] = [await request(os.getAllKeys()), await request(db.transaction(store).objectStore(store).getAll())];
        lines.push(JSON.stringify({ db: name, store, keys, values }));
      }
      db.close();
    }
    const cachedUrls: string[] = [];
    for (const cacheName of await caches.keys()) {
      for (const req of await (await caches.open(cacheName)).keys()) cachedUrls.push(req.url);
    }
    return { databases: infos.map((d) => d.name ?? '').sort(), text: lines.join('\n'), cachedUrls };
  });
}
