// Starts syncs by themselves: when the phone comes online, when the app is seen again (focus,
// visibility), and on an interval while the app is visible and online. The engine already
// joins a running sync, so two never overlap; this also leaves a short gap between triggers.
import type { SyncEngine, SyncReport } from './engine';

/** What autoSync listens to: the browser's window, document and navigator by default. */
export type AutoSyncEnvironment = {
  listen(event: 'online' | 'focus' | 'visibilitychange', handler: () => void): () => void;
  isOnline(): boolean;
  isVisible(): boolean;
  every(ms: number, tick: () => void): () => void;
  now(): number;
};

export type AutoSyncOptions = {
  /** Between syncs while the app stays open and online. */
  intervalMs?: number;
  /** Focus, visibility and interval triggers closer than this to the last start are ignored. */
  minGapMs?: number;
  environment?: AutoSyncEnvironment;
  onReport?: (report: SyncReport) => void;
};

export const AUTO_SYNC_INTERVAL_MS = 5 * 60_000;
export const AUTO_SYNC_MIN_GAP_MS = 15_000;

export function browserEnvironment(): AutoSyncEnvironment {
  return {
    listen(event, handler) {
      const target = event === 'visibilitychange' ? document : window;
      target.addEventListener(event, handler);
      return () => target.removeEventListener(event, handler);
    },
    isOnline: () => navigator.onLine,
    isVisible: () => document.visibilityState === 'visible',
    every(ms, tick) {
      const id = setInterval(tick, ms);
      return () => clearInterval(id);
    },
    now: () => Date.now(),
  };
}

/** Starts automatic sync (one at once) and returns the function that stops it. */
export function autoSync(engine: Pick<SyncEngine, 'syncNow'>, options: AutoSyncOptions = {}): () => void {
  const env = options.environment ?? browserEnvironment();
  const minGap = options.minGapMs ?? AUTO_SYNC_MIN_GAP_MS;
  let lastStart = Number.NEGATIVE_INFINITY;
  let inFlight = false;

  const start = (force: boolean) => {
    if (inFlight || !env.isOnline()) return;
    if (!force && env.now() - lastStart < minGap) return;
    inFlight = true;
    lastStart = env.now();
    void engine
      .syncNow()
      .then((report) => options.onReport?.(report))
      .finally(() => {
        inFlight = false;
      });
  };

  const stops = [
    // Coming back online is the moment records were waiting for: no gap applies.
    env.listen('online', () => start(true)),
    env.listen('focus', () => start(false)),
    env.listen('visibilitychange', () => {
      if (env.isVisible()) start(false);
    }),
    env.every(options.intervalMs ?? AUTO_SYNC_INTERVAL_MS, () => {
      if (env.isVisible()) start(false);
    }),
  ];
  start(true);
  return () => stops.forEach((stop) => stop());
}
