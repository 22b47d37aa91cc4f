// Areas form a tree of codes: province → commune → hamlet. No district level (gone since
// 1/7/2025) and no fixed list: hamlets are created and renamed by commune leads.
import * as z from 'zod/mini';
import { CHOOSE_FROM_LIST } from './messages';

export const AreaLevel = z.enum(['province', 'commune', 'hamlet'], CHOOSE_FROM_LIST);
export type AreaLevel = z.infer<typeof AreaLevel>;

export const Area = z.object({
  code: z.string().check(z.minLength(1, 'Thiếu mã địa bàn')),
  name: z.string().check(z.trim(), z.minLength(1, 'Thiếu tên địa bàn')),
  level: AreaLevel,
  /** Absent only for a province. */
  parentCode: z.optional(z.string()),
  /** Marks the demo commune and everything under it, so it is never mistaken for real data. */
  demo: z.optional(z.boolean()),
});
export type Area = z.infer<typeof Area>;

export function childrenOf(areas: readonly Area[], parentCode: string): Area[] {
  return areas
    .filter((a) => a.parentCode === parentCode)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
}
