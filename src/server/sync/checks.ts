// The server's own rules for a mutation, beyond its fields: a stamp it can order, a scope the
// caller may write, and a content hash that tells a retry from a reused id. Pure, so every
// store applies the same rules.
import { hash } from 'node:crypto';
import { clampStamp, parseStamp } from '../../domain/clock';
import type { Mutation } from '../../domain/sync-protocol';
import type { Scope } from './store';

/** Where the server already files a record: its commune and hamlet. */
export type Placement = { communeCode: string; hamletCode: string };

/** What the server knows of the record a mutation touches and of its household. */
export type Known = { record?: Placement & { householdId: string }; household?: Placement };

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/** Keys as JSON strings: the same few dozen field names come back in every mutation. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 1000;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_KEPT) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  // Written for speed (issue 6: it runs on every mutation of every push), and the text must
  // never change, or retries of mutations already applied would no longer be recognised.
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'object':
      break;
    default:
      return JSON.stringify(value) ?? 'null';
  }
  if (value === null) return 'null';
  let text = '';
  if (Array.isArray(value)) {
    for (const item of value) text += `${text === '' ? '' : ','}${canonicalJson(item)}`;
    return `[${text}]`;
  }
  const entries = Object.entries(value);
  entries.sort(byKey);
  for (const [k, v] of entries) {
    if (v !== undefined) text += `${text === '' ? '' : ','}${quotedKey(k)}:${canonicalJson(v)}`;
  }
  return `{${text}}`;
}

/** Same hash for a retry of the same change, whoever sends it; anything else differs. */
export function contentHash(m: Mutation): string {
  const content = { ...m, correction: m.correction === true };
  return hash('sha256', canonicalJson(content), 'hex');
}

export function stampProblem(m: Mutation): string | undefined {
  return parseStamp(m.stamp) === undefined ? 'Dấu thời gian của thay đổi không hợp lệ' : undefined;
}

/**
 * Brings a stamp from the future back to the server's clock. `lastClampMs` is the time the
 * previous clamp used: each clamp takes a later millisecond, so several future edits of one
 * phone, received together, keep their order instead of tying.
 */
export function clampInOrder(stamp: string, nowMs: number, lastClampMs: number): { stamp: string; lastClampMs: number } {
  const at = Math.max(nowMs, lastClampMs + 1);
  const clamped = clampStamp(stamp, at);
  return clamped === stamp ? { stamp, lastClampMs } : { stamp: clamped, lastClampMs: at };
}

const outsideHamlets = (scope: Scope, hamletCode: string) => scope.hamletCodes !== null && !scope.hamletCodes.includes(hamletCode);

/** Why the caller may not make this change, in plain words, or undefined when they may. */
export function scopeProblem(scope: Scope, m: Mutation, known: Known): string | undefined {
  if (m.communeCode !== scope.communeCode) return `Bản ghi thuộc xã ${m.communeCode}, ngoài phạm vi của tài khoản này`;
  if (outsideHamlets(scope, m.hamletCode)) return `Thôn ${m.hamletCode} nằm ngoài phạm vi của tài khoản này`;
  if (m.entity === 'household' && 'communeCode' in m.fields && m.fields.communeCode !== m.communeCode) {
    return 'communeCode không khớp với xã của lệnh';
  }
  const { record, household } = known;
  if (record !== undefined && record.communeCode !== m.communeCode) return 'Bản ghi này đã có trên máy chủ ở một xã khác';
  if (household !== undefined && household.communeCode !== m.communeCode) return 'Hộ này đã có trên máy chủ ở một xã khác';
  if ((record !== undefined && outsideHamlets(scope, record.hamletCode)) || (household !== undefined && outsideHamlets(scope, household.hamletCode))) {
    return 'Hộ này thuộc một thôn ngoài phạm vi của tài khoản này';
  }
  if (m.entity !== 'household' && record !== undefined && record.householdId !== m.householdId) {
    return 'Bản ghi này thuộc một hộ khác trên máy chủ';
  }
  return undefined;
}
