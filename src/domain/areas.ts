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

/** Codes of areas: national statistics codes ("31105") or made-up ones ("DEMO-T1"). */
export const AreaCode = z.string().check(z.regex(/^[A-Za-z0-9._-]{1,40}$/, 'Mã địa bàn gồm 1–40 chữ không dấu, số, dấu chấm, gạch'));

export const HamletName = z.string().check(z.trim(), z.minLength(1, 'Nhập tên thôn'), z.maxLength(100, 'Tên thôn tối đa 100 ký tự'));

/** A lead adds a hamlet: the code is made by the server when left out. */
export const NewHamletRequest = z.object({
  communeCode: z.optional(AreaCode),
  code: z.optional(AreaCode),
  name: HamletName,
});
export type NewHamletRequest = z.infer<typeof NewHamletRequest>;

export const RenameHamletRequest = z.object({ name: HamletName });
export type RenameHamletRequest = z.infer<typeof RenameHamletRequest>;

/**
 * The file `npm run admin -- load-areas` reads (docs/security.md): provinces, their communes and,
 * optionally, hamlets, each with its code and name.
 */
export const AreaFile = z.object({
  provinces: z.array(
    z.object({
      code: AreaCode,
      name: z.string().check(z.trim(), z.minLength(1, 'Thiếu tên tỉnh')),
      communes: z.array(
        z.object({
          code: AreaCode,
          name: z.string().check(z.trim(), z.minLength(1, 'Thiếu tên xã')),
          hamlets: z.optional(z.array(z.object({ code: AreaCode, name: HamletName }))),
        }),
      ),
    }),
  ),
});
export type AreaFile = z.infer<typeof AreaFile>;
