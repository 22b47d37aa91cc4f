// The targets form: a plan typed as text (percents with a decimal comma, blank for "no target"),
// checked by the Plan schema, with each error in Vietnamese under its own field.
import { INDICATORS } from './indicators';
import { Plan } from './targets';
import type { Targets } from './coverage';

export type PlanForm = { number: string; date: string; targets: Record<string, string> };
export type PlanFormErrors = Partial<Record<string, string>>;

export const NOT_A_PERCENT = 'Nhập số phần trăm, ví dụ 80 hoặc 62,5; để trống nếu không đặt chỉ tiêu';

export const NO_DATE = 'Chọn ngày ban hành kế hoạch';

const targetFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2, useGrouping: false });

/** 62.5 → "62,5"; null → "" (no target). */
export function targetText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : targetFormat.format(value);
}

/** "80", "62,5", "62.5", "80%" → the number; "" → null; anything else → undefined. */
export function parsePercentInput(text: string): number | null | undefined {
  const t = text.trim().replace(/%$/, '').trim();
  if (t === '') return null;
  if (!/^\d{1,3}([.,]\d{1,2})?$/.test(t)) return undefined;
  return Number(t.replace(',', '.'));
}

export function formFromPlan(plan: Pick<Plan, 'number' | 'date'> & { targets: Targets }): PlanForm {
  return {
    number: plan.number,
    date: plan.date,
    targets: Object.fromEntries(INDICATORS.map((i) => [i.id, targetText(i.id in plan.targets ? plan.targets[i.id] : i.defaultTarget)])),
  };
}

/**
 * A target set laid over the form: each indicator the set names a target for takes it; the
 * others keep what the lead typed (the national strategy sets none for VNeID, for instance).
 */
export function applyTargetSet(targets: Readonly<Record<string, string>>, set: Targets): Record<string, string> {
  const next = { ...targets };
  for (const i of INDICATORS) {
    const value = set[i.id];
    if (value !== null && value !== undefined) next[i.id] = targetText(value);
  }
  return next;
}

/** The plan, or the errors keyed by field: "number", "date", "targets.<indicator id>". */
export function planFromForm(form: PlanForm): { plan: Plan } | { errors: PlanFormErrors } {
  const errors: PlanFormErrors = {};
  const targets: Record<string, number | null> = {};
  for (const i of INDICATORS) {
    const value = parsePercentInput(form.targets[i.id] ?? '');
    if (value === undefined) errors[`targets.${i.id}`] = NOT_A_PERCENT;
    else targets[i.id] = value;
  }
  if (form.date.trim() === '') errors.date = NO_DATE;
  const parsed = Plan.safeParse({ number: form.number, date: form.date.trim(), targets });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      errors[key] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { plan: parsed.data };
}
