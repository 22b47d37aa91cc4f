// Targets are data: each commune's plan (Kế hoạch chuyển đổi số) names its own, and the
// national strategy (Quyết định 411/QĐ-TTg) offers a second set to compare against.
import * as z from 'zod/mini';
import { INDICATORS } from './indicators';
import type { Targets } from './coverage';

export const Plan = z.object({
  /** "12/KH-UBND" */
  number: z.string().check(z.trim(), z.minLength(1, 'Nhập số kế hoạch'), z.maxLength(60, 'Số kế hoạch quá dài')),
  /** ISO date the plan was signed. */
  date: z.iso.date('Ngày ban hành không hợp lệ'),
  /** Percent per indicator id; absent means the indicator's default, null means no target. */
  targets: z.record(
    z.string(),
    z.nullable(z.number().check(z.gte(0, 'Chỉ tiêu từ 0 đến 100%'), z.lte(100, 'Chỉ tiêu từ 0 đến 100%'))),
  ),
});
export type Plan = z.infer<typeof Plan>;

/** "Kế hoạch số 12/KH-UBND ngày 12/01/2024", as the reports cite a plan. */
export function planTitle(plan: Pick<Plan, 'number' | 'date'>): string {
  const [y, m, d] = plan.date.split('-');
  return `Kế hoạch số ${plan.number} ngày ${d}/${m}/${y}`;
}

/** The brief's defaults, for a commune that has not entered its plan yet. */
export const DEFAULT_TARGETS: Targets = Object.fromEntries(INDICATORS.map((i) => [i.id, i.defaultTarget]));

/** Quyết định 411/QĐ-TTg, 2025 targets, where it sets one. */
export const NATIONAL_TARGETS: Targets = Object.fromEntries(INDICATORS.map((i) => [i.id, i.nationalTarget]));
