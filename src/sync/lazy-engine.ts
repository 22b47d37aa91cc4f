// The sync engine, loaded at its first sync rather than with the first screen: the household
// list does not wait for the code that talks to the server. Keeps the engine's promise that a
// sync never rejects: a chunk that cannot be loaded is a failed sync, tried again next time.
import type { SyncEngine, SyncEngineOptions } from './engine';

export const ENGINE_LOAD_FAILED = 'Chưa tải được phần đồng bộ của ứng dụng. Dữ liệu vẫn nằm an toàn trên máy; hãy mở lại ứng dụng khi có mạng.';

type EngineModule = { createSyncEngine(options: SyncEngineOptions): SyncEngine };

export function lazySyncEngine(
  options: SyncEngineOptions,
  load: () => Promise<EngineModule> = () => import('./engine'),
): SyncEngine {
  let engine: SyncEngine | undefined;
  let loading: Promise<SyncEngine> | undefined;
  const loaded = () =>
    (loading ??= load().then(
      (m) => (engine = m.createSyncEngine(options)),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return {
    async syncNow() {
      let ready: SyncEngine;
      try {
        ready = await loaded();
      } catch {
        return { ok: false, confirmed: 0, rejected: 0, pulled: 0, skipped: 0, pending: 0, error: ENGINE_LOAD_FAILED };
      }
      return ready.syncNow();
    },
    isSyncing: () => engine?.isSyncing() ?? false,
  };
}
