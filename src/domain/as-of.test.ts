import { describe, expect, it } from 'vitest';
import { activityBetween, recordsAsOf } from './as-of';
import { newHousehold } from './household';
import { newPerson } from './person';
import type { Visit } from './visit';
import { assistedPeople, diffHousehold } from './visit-changes';

const consent = { givenBy: 'self' as const, givenAt: '2026-01-01T00:00:00Z', recordedBy: 'Tổ', textVersion: 'v1' };
const h1 = { ...newHousehold({ id: 'h1', communeCode: 'X', hamletCode: 'T1', createdAt: '2026-01-01T00:00:00Z' }), headName: 'Lò Văn Pọm' };
const pom = newPerson({ id: 'p1', householdId: 'h1', name: 'Lò Văn Pọm', birthYear: 1980, consent, updatedAt: '2026-01-01T00:00:00Z' });
const ngoc = newPerson({ id: 'p2', householdId: 'h1', name: 'Lò Thị Ngọc', birthYear: 2001, consent, updatedAt: '2026-01-01T00:00:00Z' });

function visit(id: string, at: string, before: Parameters<typeof diffHousehold>[0], after: Parameters<typeof diffHousehold>[1]): Visit {
  const changes = diffHousehold(before, after);
  return { id, householdId: after.household.id, visitedAt: at, visitor: 'Tổ', changes, personIds: assistedPeople(changes), notes: '' };
}

describe('recordsAsOf', () => {
  const created = visit('v1', '2026-02-01T03:00:00Z', undefined, { household: h1, people: [pom] });
  const smartphone = { ...pom, phone: 'smartphone' as const };
  const upgraded = visit('v2', '2026-03-01T03:00:00Z', { household: h1, people: [pom] }, { household: { ...h1, fiber: true }, people: [smartphone, ngoc] });
  const now = { households: [{ ...h1, fiber: true }], people: [smartphone, ngoc] };

  it.each([
    ['before the household was recorded: nothing', '2026-01-15T00:00:00Z', { households: [], people: [] }],
    ['between the two visits: the first one only', '2026-02-15T00:00:00Z', { households: [h1], people: [pom] }],
    ['after both: as now', '2026-03-15T00:00:00Z', now],
  ])('%s', (_name, asOf, expected) => {
    expect(recordsAsOf(now, [upgraded, created], asOf)).toEqual(expected);
  });
});

describe('activityBetween', () => {
  it('counts visits, households and distinct people assisted in the period only', () => {
    const v = (id: string, householdId: string, at: string, personIds: string[]): Visit => ({ id, householdId, visitedAt: at, visitor: 'Tổ', changes: [], personIds, notes: '' });
    const visits = [v('a', 'h1', '2026-07-01T01:00:00Z', ['p1', 'p2']), v('b', 'h1', '2026-08-01T01:00:00Z', ['p1']), v('c', 'h2', '2026-09-30T23:00:00Z', []), v('d', 'h3', '2026-10-01T00:00:00Z', ['p9'])];
    expect(activityBetween(visits, '2026-07-01T00:00:00Z', '2026-10-01T00:00:00Z')).toEqual({ visits: 3, households: 2, peopleAssisted: 2 });
  });
});
