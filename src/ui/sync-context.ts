// The phone's sync, as screens see it: start one now, and whether one is running.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SyncReport } from '../sync/engine';

export type SyncControl = {
  syncNow: () => Promise<SyncReport>;
  syncing: boolean;
};

export const SyncContext = createContext<SyncControl>({
  syncNow: async () => ({ ok: false, confirmed: 0, rejected: 0, pulled: 0, skipped: 0, pending: 0 }),
  syncing: false,
});

export function useSync(): SyncControl {
  return useContext(SyncContext);
}
