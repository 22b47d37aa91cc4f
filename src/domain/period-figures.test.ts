import { describe, expect, it } from 'vitest';
import { periodFigures } from './period-figures';
import { quarterOf } from './period';
import { newHousehold } from './household';
import { newPerson } from './person';
import type { Visit } from './visit';
import { assistedPeople, diffHousehold } from './visit-changes';

const consent = { givenBy: 'self' as const, givenAt: '2026-05-01T00:00:00Z', recordedBy: 'Tổ', textVersion: 'v1' };
const h1 = { ...newHousehold({ id: 'h1', communeCode: 'X', hamletCode: 'T1', createdAt: '2026-05-01T00:00:00Z' }), headName: 'Lò Văn Pọm' };
const pom = newPerson({ id: 'p1', householdId: 'h1', name: 'Lò Văn Pọm', birthYear: 1980, consent, updatedAt: '2026-05-01T00:00:00Z' });

function visit(id: string, at: string, before: Parameters<typeof diffHousehold>[0], after: Parameters<typeof diffHousehold>[1]): Visit {
  const changes = diffHousehold(before, after);
  return { id, householdId: after.household.id, visitedAt: at, visitor: 'Tổ', changes, personIds: assistedPeople(changes), notes: '' };
}

// Recorded in Quý II without a smartphone; given one in Quý III.
const created = visit('v1', '2026-05-02T03:00:00Z', undefined, { household: h1, people: [pom] });
const withPhone = { ...pom, phone: 'smartphone' as const };
const upgraded = visit('v2', '2026-08-10T03:00:00Z', { household: h1, people: [pom] }, { household: h1, people: [withPhone] });
const records = { households: [h1], people: [withPhone] };
const visits = [created, upgraded];
const smartphone = (rows: ReturnType<typeof periodFigures>['rows']) => rows.find((r) => r.indicator.id === 'smartphone')?.commune;

describe('periodFigures', () => {
  it('within the current quarter: figures as now, the start of the quarter before the change, its visits', () => {
    const f = periodFigures({ records, visits, period: quarterOf('2026-08-20'), now: '2026-08-20T01:00:00.000Z', targets: {} });
    expect(f.asOf).toBe('2026-08-20T01:00:00.000Z');
    expect([smartphone(f.rows)?.n, smartphone(f.rows)?.N]).toEqual([1, 1]);
    expect([smartphone(f.startRows)?.n, smartphone(f.startRows)?.N]).toEqual([0, 1]);
    expect(f.activity).toEqual({ visits: 1, households: 1, peopleAssisted: 1 });
    expect(f.hamletOf.get('h1')).toBe('T1');
  });

  it('a past quarter: figures as they stood at its end, before the later change', () => {
    const f = periodFigures({ records, visits, period: quarterOf('2026-05-15'), now: '2026-08-20T01:00:00.000Z', targets: {} });
    expect(f.asOf).toBe('2026-07-01T00:00:00.000Z');
    expect([smartphone(f.rows)?.n, smartphone(f.rows)?.N]).toEqual([0, 1]);
    expect([smartphone(f.startRows)?.n, smartphone(f.startRows)?.N]).toEqual([0, 0]);
    expect(f.activity).toEqual({ visits: 1, households: 1, peopleAssisted: 1 });
  });

  it('applies the targets given', () => {
    const f = periodFigures({ records, visits, period: quarterOf('2026-08-20'), now: '2026-08-20T01:00:00.000Z', targets: { smartphone: 95 } });
    expect(smartphone(f.rows)?.target).toBe(95);
    expect(smartphone(f.startRows)?.target).toBe(95);
  });
});
