// Time for ordering changes made on phones whose clocks are often wrong. A stamp is a hybrid
// logical clock (wall time corrected by the offset to the server's clock measured at the last
// sync, a counter, the device id): it sorts as a string and never goes backwards on a device.
// Every function takes the time as an input; nothing here reads a clock.

export type Stamp = { ms: number; counter: number; device: string };

const MS_WIDTH = 11; // base-36 milliseconds: enough until the year 5000
const COUNTER_WIDTH = 4;

export function formatStamp(s: Stamp): string {
  return `${s.ms.toString(36).padStart(MS_WIDTH, '0')}-${s.counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${s.device}`;
}

export function parseStamp(text: string): Stamp | undefined {
  const match = /^([0-9a-z]{11})-([0-9a-z]{4})-(.+)$/.exec(text);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { ms: parseInt(match[1], 36), counter: parseInt(match[2], 36), device: match[3] };
}

/**
 * The stamp for a change made now on this device: after the last stamp it issued (or saw),
 * even if the phone's clock went backwards. `nowMs` is the phone's clock plus the offset.
 */
export function nextStamp(last: Stamp | undefined, nowMs: number, device: string): Stamp {
  if (last === undefined || nowMs > last.ms) return { ms: nowMs, counter: 0, device };
  return { ms: last.ms, counter: last.counter + 1, device };
}

/** The phone's clock corrected by the offset (server minus phone) measured at the last sync. */
export function correctedNow(phoneMs: number, offsetMs: number): number {
  return phoneMs + offsetMs;
}

/** Offset to add to the phone's clock, from one request: the server's time at mid-flight. */
export function clockOffset(sentAtMs: number, receivedAtMs: number, serverMs: number): number {
  return Math.round(serverMs - (sentAtMs + receivedAtMs) / 2);
}

/** How far ahead of the server a stamp may be before the server brings it back. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The server never lets a phone's future win: a stamp ahead of the server's clock (a phone
 * set years ahead, never synced) is brought back to the server's time when first received.
 */
export function clampStamp(stampText: string, serverMs: number): string {
  const s = parseStamp(stampText);
  if (s === undefined || s.ms <= serverMs + FUTURE_TOLERANCE_MS) return stampText;
  return formatStamp({ ...s, ms: serverMs });
}

/** Earliest date a record of this app can truly carry; anything before is a wrong clock. */
export const EARLIEST_PLAUSIBLE = Date.UTC(2024, 0, 1);

/** A time that cannot be true: before the app existed, or after the server's now. */
export function isImplausibleTime(iso: string, serverMs: number): boolean {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || ms < EARLIEST_PLAUSIBLE || ms > serverMs + FUTURE_TOLERANCE_MS;
}
