// Whether the browser promised to keep this site's data (persistent storage) and how much
// space it uses: a phone that clears storage would lose unsent records.

export type StorageStatus = { persisted: boolean | null; usageBytes: number | null; quotaBytes: number | null };

/** Asks once for persistent storage; browsers may grant it silently or refuse. */
export async function requestPersistentStorage(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = navigator.storage;
  const persisted = storage?.persisted ? await storage.persisted() : null;
  const estimate = storage?.estimate ? await storage.estimate() : undefined;
  return { persisted, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
}
