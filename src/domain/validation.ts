// Validation of a household form before it is saved: the schemas' messages plus the rules
// that span fields or depend on the current year. Messages are Vietnamese, keyed by field path
// ("household.phone", "people.2.birthYear") so the form shows each one beside its input.
import * as z from 'zod/mini';
import { Household } from './household';
import { Person, isActiveVneid } from './person';
import { ageInYear } from './age';

export type FieldErrors = Record<string, string>;

function addIssues(errors: FieldErrors, prefix: string, issues: readonly z.core.$ZodIssue[]) {
  for (const issue of issues) {
    const key = [prefix, ...issue.path.map(String)].join('.');
    if (!(key in errors)) errors[key] = issue.message;
  }
}

/** Rules a single person's statuses must satisfy together. */
export function personRuleErrors(person: Person, year: number): FieldErrors {
  const errors: FieldErrors = {};
  if (person.birthYear > year) errors.birthYear = 'Năm sinh không được sau năm hiện tại';
  const age = ageInYear(person.birthYear, year);
  if (age < 6 && person.vneid !== 'none') {
    errors.vneid = 'Trẻ dưới 6 tuổi chưa được cấp tài khoản định danh điện tử';
  }
  if (person.eHealthRecord && !isActiveVneid(person.vneid)) {
    errors.eHealthRecord = 'Hồ sơ sức khỏe điện tử nằm trong VNeID: cần tài khoản VNeID đã kích hoạt';
  }
  if (person.publicServiceUsed && !person.publicServiceAccount) {
    errors.publicServiceUsed = 'Đã dùng dịch vụ công trực tuyến thì phải có tài khoản dịch vụ công';
  }
  return errors;
}

/** A form checked: the records as they will be saved (trimmed by the schemas), or what is wrong. */
export type CheckedForm = { ok: true; household: Household; people: Person[] } | { ok: false; errors: FieldErrors };

/**
 * Checks a household and its members once, giving the parsed records to save: a save parsed
 * each record twice (to validate, then to save), a few ms of a slow phone's tap. Of `now`, only
 * the year counts: the household form keeps a check made while idle for a tap in the same year.
 */
export function checkHouseholdForm(household: Household, people: readonly Person[], now: Date): CheckedForm {
  const errors: FieldErrors = {};
  const year = now.getFullYear();
  const h = Household.safeParse(household);
  if (!h.success) addIssues(errors, 'household', h.error.issues);
  const parsed: Person[] = [];
  people.forEach((person, i) => {
    const p = Person.safeParse(person);
    if (!p.success) {
      addIssues(errors, `people.${i}`, p.error.issues);
      return;
    }
    parsed.push(p.data);
    for (const [field, message] of Object.entries(personRuleErrors(p.data, year))) {
      errors[`people.${i}.${field}`] ??= message;
    }
  });
  return h.success && Object.keys(errors).length === 0 ? { ok: true, household: h.data, people: parsed } : { ok: false, errors };
}
