import { describe, expect, it } from 'vitest';
import { applyTargetSet, formFromPlan, NO_DATE, NOT_A_PERCENT, parsePercentInput, planFromForm, targetText } from './plan-form';
import { DEFAULT_TARGETS, NATIONAL_TARGETS } from './targets';

describe('a target typed as text', () => {
  it.each([
    ['80', 80],
    ['62,5', 62.5],
    ['62.5', 62.5],
    ['80%', 80],
    [' 100 ', 100],
    ['', null],
    ['  ', null],
    ['tám mươi', undefined],
    ['1.000', undefined],
    ['-5', undefined],
    ['62,555', undefined],
  ])('"%s" is %s', (text, value) => {
    expect(parsePercentInput(text)).toBe(value);
  });

  it('is shown with a decimal comma, blank for no target', () => {
    expect([targetText(62.5), targetText(80), targetText(null)]).toEqual(['62,5', '80', '']);
  });
});

describe('the plan form', () => {
  const form = formFromPlan({ number: '12/KH-UBND', date: '2024-01-12', targets: DEFAULT_TARGETS });

  it('starts from the brief defaults', () => {
    expect(form.targets.smartphone).toBe('80');
    expect(form.targets.cyber_protection).toBe('');
  });

  it('gives the plan back, with blank meaning no target', () => {
    const result = planFromForm({ ...form, targets: { ...form.targets, fiber: '86', payment: '' } });
    expect('plan' in result && result.plan).toMatchObject({
      number: '12/KH-UBND',
      date: '2024-01-12',
      targets: { fiber: 86, payment: null, smartphone: 80, cyber_protection: null },
    });
  });

  it('puts each error in Vietnamese under its own field', () => {
    const result = planFromForm({ number: ' ', date: '', targets: { ...form.targets, fiber: '120', skills: 'nhiều' } });
    expect('errors' in result && result.errors).toEqual({
      number: 'Nhập số kế hoạch',
      date: NO_DATE,
      'targets.fiber': 'Chỉ tiêu từ 0 đến 100%',
      'targets.skills': NOT_A_PERCENT,
    });
  });

  it('takes the national targets where the national strategy sets one and keeps the others', () => {
    const mine = { ...form.targets, vneid_l2: '100', fiber: '70' };
    const next = applyTargetSet(mine, NATIONAL_TARGETS);
    expect([next.fiber, next.ehealth, next.vneid_l2, next.digital_address]).toEqual(['80', '90', '100', '20']);
  });
});
