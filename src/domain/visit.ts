// A visit (lượt hỗ trợ): who came, when, and what changed (visit-changes.ts derives the changes
// by comparing the household before and after the save). Reports count visits and people assisted.
import * as z from 'zod/mini';

const ChangeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type ChangeValue = z.infer<typeof ChangeValue>;

export const Change = z.object({
  /** Absent for a change to the household itself. */
  personId: z.optional(z.string()),
  /** A field name, or "added" for a person newly recorded. */
  field: z.string(),
  from: ChangeValue,
  to: ChangeValue,
});
export type Change = z.infer<typeof Change>;

export const Visit = z.object({
  id: z.string().check(z.minLength(1)),
  householdId: z.string().check(z.minLength(1)),
  visitedAt: z.string(),
  visitor: z.string(),
  changes: z.array(Change),
  /** People whose record changed: the "people assisted" of the reports. */
  personIds: z.array(z.string()),
  notes: z.string().check(z.maxLength(1000, 'Ghi chú quá dài')),
});
export type Visit = z.infer<typeof Visit>;
