// A household (hộ gia đình): where it is, who to contact, and the household-level statuses.
import * as z from 'zod/mini';
import { CHOOSE_FROM_LIST } from './messages';

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
  location: z.optional(GeoPoint),
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
