import 'fake-indexeddb/auto';
import { clear, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPlan, planKey, savePlan } from './plans';

describe('plans', () => {
  beforeEach(() => clear());

  it('keeps one plan per commune', async () => {
    const plan = { number: '12/KH-UBND', date: '2024-01-12', targets: { fiber: 86, cyber_protection: null } };
    await savePlan('31105', plan);
    expect(await loadPlan('31105')).toEqual(plan);
    expect(await loadPlan('31106')).toBeUndefined();
  });

  it('refuses to save a plan the schema refuses', async () => {
    await expect(savePlan('31105', { number: '', date: '2024-01-12', targets: {} })).rejects.toThrow();
    expect(await loadPlan('31105')).toBeUndefined();
  });

  it('reads what no longer parses as no plan, not as a crash', async () => {
    await set(planKey('31105'), { number: '1/KH', date: 'hôm qua', targets: {} });
    expect(await loadPlan('31105')).toBeUndefined();
  });
});
