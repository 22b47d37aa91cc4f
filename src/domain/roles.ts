// What each role is called and may see, for the phone's screens and the server alike. Apart from
// accounts.ts's schemas so that the phone's first screen does not load zod for it.
import type { Role } from './accounts';

export const ROLE_LABELS: Record<Role, string> = {
  member: 'Thành viên tổ công nghệ số',
  lead: 'Tổ trưởng cấp xã',
  province: 'Cán bộ cấp tỉnh',
  admin: 'Quản trị hệ thống',
};

/** Whether a role may read and write personal data (names, birth years, phones). */
export function seesPersonalData(role: Role): boolean {
  return role === 'member' || role === 'lead';
}
