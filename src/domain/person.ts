// A person (nhân khẩu): every field is a status chosen from a list, never free text, and
// nothing that identifies them beyond name, birth year and the household.
import * as z from 'zod/mini';
import { CHOOSE_FROM_LIST } from './messages';
import { Consent } from './consent';

/** Only people living here count in denominators. */
export const Residence = z.enum(['here', 'away', 'moved', 'deceased'], CHOOSE_FROM_LIST);
export type Residence = z.infer<typeof Residence>;

/** 2G-only users are targeted for free 4G phone swaps, so basic phones are split by network. */
export const PhoneKind = z.enum(['none', 'basic_2g', 'basic_4g', 'smartphone'], CHOOSE_FROM_LIST);
export type PhoneKind = z.infer<typeof PhoneKind>;

/** The VNeID path of Nghị định 69/2024: submitted/collected → approved (SMS sent) → active. */
export const VneidStatus = z.enum([
  'none',
  'l1_submitted',
  'l2_collected',
  'approved_waiting',
  'l1_active',
  'l2_active',
  'rejected',
], CHOOSE_FROM_LIST);
export type VneidStatus = z.infer<typeof VneidStatus>;

export const PaymentAccount = z.enum(['none', 'bank', 'ewallet', 'mobile_money'], CHOOSE_FROM_LIST);
export type PaymentAccount = z.infer<typeof PaymentAccount>;

/** The five groups of basic digital skills, (i) to (v). */
export const SkillGroup = z.enum(['public_services', 'commerce', 'payment', 'safety', 'local_platforms'], CHOOSE_FROM_LIST);
export type SkillGroup = z.infer<typeof SkillGroup>;

export const MIN_BIRTH_YEAR = 1900;

export const Person = z.object({
  id: z.string().check(z.minLength(1)),
  householdId: z.string().check(z.minLength(1)),
  name: z.string().check(z.trim(), z.minLength(1, 'Nhập họ và tên'), z.maxLength(100, 'Họ tên quá dài')),
  birthYear: z.int('Nhập năm sinh bằng số').check(
    z.gte(MIN_BIRTH_YEAR, `Năm sinh phải từ ${MIN_BIRTH_YEAR} trở đi`),
    z.lte(2200, 'Năm sinh không hợp lệ'),
  ),
  consent: Consent,
  residence: Residence,
  phone: PhoneKind,
  vneid: VneidStatus,
  vneidNeedsHelp: z.boolean(),
  payment: PaymentAccount,
  publicServiceAccount: z.boolean(),
  publicServiceUsed: z.boolean(),
  digitalSignature: z.boolean(),
  eHealthRecord: z.boolean(),
  skills: z.array(SkillGroup),
  cyberProtection: z.boolean(),
  vssid: z.boolean(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;

/** The status fields, which visits log and indicators read. */
export type PersonStatusField = Exclude<keyof Person, 'id' | 'householdId' | 'consent' | 'updatedAt'>;

/** A person on the form before their consent is recorded: nothing else may be saved yet. */
export type PendingPerson = Omit<Person, 'consent'> & { consent?: Consent };

export function hasConsent(person: PendingPerson): person is Person {
  return person.consent !== undefined;
}

export function isActiveVneid(status: VneidStatus): boolean {
  return status === 'l1_active' || status === 'l2_active';
}

/** A person as first recorded, before anything about them is known: every status "not yet". */
export function newPerson<C extends Consent | undefined>(
  fields: Pick<Person, 'id' | 'householdId' | 'name' | 'birthYear' | 'updatedAt'> & { consent: C },
): Omit<Person, 'consent'> & { consent: C } {
  return {
    ...fields,
    residence: 'here',
    phone: 'none',
    vneid: 'none',
    vneidNeedsHelp: false,
    payment: 'none',
    publicServiceAccount: false,
    publicServiceUsed: false,
    digitalSignature: false,
    eHealthRecord: false,
    skills: [],
    cyberProtection: false,
    vssid: false,
  };
}
