// Ages are derived from the birth year alone (no date of birth is stored), at a reference year
// passed in: the year of the report, never the phone's clock read here.

export type AgeGroup = 'under_14' | 'age_14' | 'age_15_17' | 'age_18_60' | 'over_60';

export const AGE_GROUP_LABELS: Record<AgeGroup, string> = {
  under_14: 'Dưới 14 tuổi',
  age_14: '14 tuổi',
  age_15_17: '15–17 tuổi',
  age_18_60: '18–60 tuổi',
  over_60: 'Trên 60 tuổi',
};

/** Age reached during `year`; the brief counts by birth year, as the reports do. */
export function ageInYear(birthYear: number, year: number): number {
  return year - birthYear;
}

export function ageGroup(birthYear: number, year: number): AgeGroup {
  const age = ageInYear(birthYear, year);
  if (age < 14) return 'under_14';
  if (age === 14) return 'age_14';
  if (age < 18) return 'age_15_17';
  if (age <= 60) return 'age_18_60';
  return 'over_60';
}
