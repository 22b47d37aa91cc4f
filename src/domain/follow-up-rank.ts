// The follow-up list's order keys taken apart and put together again address rank first, so the
// first households in address order are the first keys of a hamlet's list, whatever their birth
// years (follow-up-keys.ts makes the order keys). No imports: the database's upgrade uses it at start.

// Below every character of a follow-up key, the rank and an id (none of them holds control characters).
export const SEP = '\u0001';
export const UNRANKED = '~';

/** What an order key holds: its follow-up key, the household's address rank, "L" or "-", and id. */
function orderParts(orderKey: string) {
  const first = orderKey.indexOf(SEP);
  const second = orderKey.indexOf(SEP, first + 1);
  return { followUpKey: orderKey.slice(0, first), rank: orderKey.slice(first + 1, second), rest: orderKey.slice(second + 1) };
}

/**
 * An order key with the rank moved before the birth year: "commune|hamlet|indicator|" + rank +
 * year + "L"/"-" + id. With `located`, the follow-up key, only for a household with a stored position.
 */
export function followUpRankRow(orderKey: string): { key: string; located?: string } {
  const { followUpKey, rank, rest } = orderParts(orderKey);
  const at = followUpKey.lastIndexOf('|') + 1;
  const key = followUpKey.slice(0, at) + rank + SEP + followUpKey.slice(at) + SEP + rest;
  return rest.startsWith('L') ? { key, located: followUpKey } : { key };
}

/** What a rank key holds: the order key it was made from, its follow-up key, the address rank and the household. */
export function fromRankKey(rankKey: string): { orderKey: string; followUpKey: string; rank: string; householdId: string } {
  const first = rankKey.indexOf(SEP);
  const second = rankKey.indexOf(SEP, first + 1);
  const head = rankKey.slice(0, first);
  const at = head.lastIndexOf('|') + 1;
  const rank = head.slice(at);
  const followUpKey = head.slice(0, at) + rankKey.slice(first + 1, second);
  const rest = rankKey.slice(second + 1);
  return { orderKey: followUpKey + SEP + rank + SEP + rest, followUpKey, rank, householdId: rest.slice(1) };
}

/**
 * The rank keys of a followUpRange's list: those of ranked households (in address order) from and
 * to, to excluded, and those of unranked ones (compared in full, wherever they fall).
 */
export function followUpRankRanges([from]: [string, string]): { ranked: [string, string]; unranked: [string, string] } {
  const at = from.slice(0, from.lastIndexOf('|') + 1);
  return { ranked: [at, at + UNRANKED], unranked: [at + UNRANKED, at + UNRANKED + String.fromCharCode(0xffff)] };
}

