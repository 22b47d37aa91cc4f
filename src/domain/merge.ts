// Merging edits of one field made on several phones. The result is a pure function of the set
// of writes, so the order in which they arrive never matters (A then B equals B then A).
// Statuses that only move forward in real life keep the furthest state, so a stale phone
// cannot undo progress; a write marked as a correction may move them back.
import type { SkillGroup } from './person';

/** A field's value as stored: checked against the domain schema before it is written. */
export type FieldValue = unknown;

/** Records merged field by field (visits are written once and never merged). */
export type MergedEntity = 'household' | 'person';

export type FieldWrite = {
  value: FieldValue;
  /** formatStamp(): orders writes; ties cannot happen (device id and counter are in it). */
  stamp: string;
  correction: boolean;
  /** Who made it, for "cập nhật bởi …". */
  userId: string;
  mutationId: string;
};

const SKILL_ORDER: readonly SkillGroup[] = ['public_services', 'commerce', 'payment', 'safety', 'local_platforms'];

const rankOf = (order: readonly string[]) => (v: FieldValue) => Math.max(0, order.indexOf(String(v)));
const booleanRank = (v: FieldValue) => (v === true ? 1 : 0);

/** Fields whose value only moves forward, per kind of record, with the rank that says how far. */
export const FORWARD_ONLY: Readonly<Record<MergedEntity, Readonly<Record<string, (v: FieldValue) => number>>>> = {
  person: {
    vneid: rankOf(['none', 'rejected', 'l1_submitted', 'l1_active', 'l2_collected', 'approved_waiting', 'l2_active']),
    phone: rankOf(['none', 'basic_2g', 'basic_4g', 'smartphone']),
    payment: (v) => (v === 'none' ? 0 : 1),
    publicServiceAccount: booleanRank,
    publicServiceUsed: booleanRank,
    digitalSignature: booleanRank,
    eHealthRecord: booleanRank,
    cyberProtection: booleanRank,
    vssid: booleanRank,
  },
  household: {
    fiber: booleanRank,
    smartDevice: booleanRank,
    digitalAddress: booleanRank,
    businessQrPayment: booleanRank,
    businessEcommerce: booleanRank,
  },
};

/** Skills trained are a set that only grows: writes are united, not replaced. */
export const GROW_ONLY_SETS: Readonly<Record<MergedEntity, ReadonlySet<string>>> = { person: new Set(['skills']), household: new Set() };

/** By stamp; equal stamps (which a server clamping a phone's future can make) by mutation id. */
function byStamp(a: FieldWrite, b: FieldWrite): number {
  if (a.stamp !== b.stamp) return a.stamp < b.stamp ? -1 : 1;
  return a.mutationId < b.mutationId ? -1 : a.mutationId > b.mutationId ? 1 : 0;
}

/**
 * The winning write of a field. Only writes from the latest correction on are considered; among
 * them the latest wins, except that forward-only fields keep the furthest value and sets unite.
 */
export function mergeField(entity: MergedEntity, field: string, writes: readonly FieldWrite[]): FieldWrite | undefined {
  if (writes.length === 0) return undefined;
  const sorted = [...writes].sort(byStamp);
  const lastCorrection = sorted.reduce((at, w, i) => (w.correction ? i : at), 0);
  const candidates = sorted.slice(lastCorrection);
  const latest = candidates[candidates.length - 1];
  if (latest === undefined) return undefined;

  if (GROW_ONLY_SETS[entity].has(field)) {
    const union = new Set(candidates.flatMap((w) => (Array.isArray(w.value) ? w.value : [])));
    return { ...latest, value: SKILL_ORDER.filter((s) => union.has(s)) };
  }
  const rank = FORWARD_ONLY[entity][field];
  if (rank === undefined) return latest;
  // Furthest first; among equals, the latest.
  return candidates.reduce((best, w) => (rank(w.value) >= rank(best.value) ? w : best));
}
