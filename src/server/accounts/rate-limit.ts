// Failed sign-ins remembered in memory per key (a username, an address): after `max` failures
// within `windowMs`, the key waits until the oldest of them leaves the window. Time is an input.

export type RateLimiter = {
  /** 0 when the key may try now, else how long it must wait. */
  waitMs(key: string, nowMs: number): number;
  fail(key: string, nowMs: number): void;
  clear(key: string): void;
};

export type RateLimit = { max: number; windowMs: number };

/** At most this many keys are remembered; the least recently failing are forgotten first. */
const MAX_KEYS = 50_000;

export function createRateLimiter({ max, windowMs }: RateLimit): RateLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, nowMs: number) => {
    const times = (failures.get(key) ?? []).filter((t) => t > nowMs - windowMs);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };
  return {
    waitMs: (key, nowMs) => {
      const times = recent(key, nowMs);
      if (times.length < max) return 0;
      const oldest = times[times.length - max] ?? nowMs;
      return Math.max(1, oldest + windowMs - nowMs);
    },
    fail: (key, nowMs) => {
      const times = recent(key, nowMs);
      failures.delete(key);
      failures.set(key, [...times.slice(Math.max(0, times.length - max + 1)), nowMs]);
      if (failures.size > MAX_KEYS) {
        const first = failures.keys().next().value;
        if (first !== undefined) failures.delete(first);
      }
    },
    clear: (key) => {
      failures.delete(key);
    },
  };
}
