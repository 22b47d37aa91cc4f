// A household (hộ gia đình): where it is, who to contact, and the household-level statuses.
import * as z from 'zod/mini';
import { CHOOSE_FROM_LIST } from './messages';
import { MIN_BIRTH_YEAR } from './person';

export const Poverty = z.enum(['none', 'near_poor', 'poor'], CHOOSE_FROM_LIST);
export type Poverty = z.infer<typeof Poverty>;

/** A house position is personal data: kept only with the household's consent, never a track. */
export const GeoPoint = z.object({
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lng: z.number().check(z.gte(-180), z.lte(180)),
  accuracyM: z.number().check(z.gte(0)),
  takenAt: z.string(),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/** Vietnamese mobile and landline numbers: 10 digits starting with 0 (or 11 for old landlines). */
export const PHONE_PATTERN = /^0\d{9,10}$/;

/**
 * Someone the commune's list names in this household, not yet recorded: only a name and a birth
 * year, no statuses, since a person's statuses wait for their own consent (see import-rows.ts).
 */
export const ExpectedMember = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'Thiếu họ tên thành viên'), z.maxLength(100, 'Họ tên quá dài')),
  birthYear: z.int('Nhập năm sinh bằng số').check(
    z.gte(MIN_BIRTH_YEAR, `Năm sinh phải từ ${MIN_BIRTH_YEAR} trở đi`),
    z.lte(2200, 'Năm sinh không hợp lệ'),
  ),
});
export type ExpectedMember = z.infer<typeof ExpectedMember>;

/** More than this in one household is a mistake in the list (and a very large sync field). */
export const MAX_EXPECTED_MEMBERS = 60;

export const Household = z.object({
  id: z.string().check(z.minLength(1)),
  communeCode: z.string().check(z.minLength(1)),
  hamletCode: z.string().check(z.minLength(1, 'Chọn thôn/tổ dân phố')),
  houseNumber: z.string().check(z.trim(), z.maxLength(30, 'Số nhà quá dài')),
  street: z.string().check(z.trim(), z.maxLength(120, 'Địa chỉ quá dài')),
  headName: z.string().check(z.trim(), z.minLength(1, 'Nhập họ tên chủ hộ'), z.maxLength(100, 'Họ tên quá dài')),
  phone: z.string().check(
    z.trim(),
    z.refine((p) => p === '' || PHONE_PATTERN.test(p), 'Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0'),
  ),
  fiber: z.boolean(),
  smartDevice: z.boolean(),
  digitalAddress: z.boolean(),
  poverty: Poverty,
  business: z.boolean(),
  businessQrPayment: z.boolean(),
  businessEcommerce: z.boolean(),
  /** null once a household withdrew its position: a removal must sync like any change. */
  location: z.optional(z.nullable(GeoPoint)),
  /** From the commune's list (an import); each leaves the list once recorded as a person. */
  expectedMembers: z.optional(
    z.array(ExpectedMember).check(z.maxLength(MAX_EXPECTED_MEMBERS, `Hộ có quá ${MAX_EXPECTED_MEMBERS} thành viên trong danh sách`)),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Household = z.infer<typeof Household>;

export type HouseholdStatusField = 'fiber' | 'smartDevice' | 'digitalAddress' | 'poverty' | 'business' | 'businessQrPayment' | 'businessEcommerce';

export function newHousehold(fields: Pick<Household, 'id' | 'communeCode' | 'hamletCode' | 'createdAt'>): Household {
  return {
    ...fields,
    houseNumber: '',
    street: '',
    headName: '',
    phone: '',
    fiber: false,
    smartDevice: false,
    digitalAddress: false,
    poverty: 'none',
    business: false,
    businessQrPayment: false,
    businessEcommerce: false,
    updatedAt: fields.createdAt,
  };
}
