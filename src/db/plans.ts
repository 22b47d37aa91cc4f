// The commune's plan (Kế hoạch chuyển đổi số: number, date, a target per indicator), in
// idb-keyval under `plan:<communeCode>`, on this phone only. A plan holds no personal data.
import { get, set } from 'idb-keyval';
import { Plan } from '../domain/targets';

export function planKey(communeCode: string): string {
  return `plan:${communeCode}`;
}

/** The plan saved for the commune, or undefined when none was entered (or what is stored no longer parses). */
export async function loadPlan(communeCode: string): Promise<Plan | undefined> {
  const stored: unknown = await get(planKey(communeCode));
  const parsed = Plan.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

export async function savePlan(communeCode: string, plan: Plan): Promise<void> {
  await set(planKey(communeCode), Plan.parse(plan));
}
