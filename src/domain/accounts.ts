// Accounts and what each role may see, shared by the server (which enforces it) and the phone
// (which shows only what the role can do). Names, birth years and phones are personal data:
// a province officer gets numbers, never names.
import * as z from 'zod/mini';
import { CHOOSE_FROM_LIST } from './messages';

export const Role = z.enum(['member', 'lead', 'province', 'admin'], CHOOSE_FROM_LIST);
export type Role = z.infer<typeof Role>;


export const Username = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^[a-z0-9._-]{3,40}$/, 'Tên đăng nhập gồm 3–40 chữ thường không dấu, số, dấu chấm, gạch'),
);

export const MIN_PASSWORD_LENGTH = 8;

/** The signed-in person as the phone keeps it: who, which role, which area. */
export const Account = z.object({
  userId: z.string(),
  username: Username,
  displayName: z.string().check(z.trim(), z.minLength(1, 'Nhập họ tên'), z.maxLength(100)),
  role: Role,
  provinceCode: z.string(),
  /** null for province officers and administrators. */
  communeCode: z.nullable(z.string()),
  /** null: every hamlet of the commune. */
  hamletCodes: z.nullable(z.array(z.string())),
});
export type Account = z.infer<typeof Account>;

export const SignInRequest = z.object({
  username: Username,
  password: z.string().check(z.minLength(1, 'Nhập mật khẩu'), z.maxLength(200)),
  /** Shown to the lead in the list of devices, e.g. "Samsung A05 của Lan". */
  deviceName: z.string().check(z.trim(), z.maxLength(80)),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** The device token is shown once, here; the server keeps only its hash. */
export type SignInResponse = { token: string; deviceId: string; account: Account; serverTime: string };

/** A 401 with this code tells the phone its token was revoked: wipe personal data at once. */
export const REVOKED_CODE = 'revoked';

