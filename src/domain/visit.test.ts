import { describe, expect, it } from 'vitest';
import { newHousehold, type Household } from './household';
import { newPerson, type Person } from './person';
import { Visit, type Change } from './visit';
import { assistedPeople, diffHousehold } from './visit-changes';

const household = (change: Partial<Household> = {}): Household => ({
  ...newHousehold({ id: 'h1', communeCode: 'X1', hamletCode: 'T1', createdAt: '2026-03-01' }),
  headName: 'Nguyễn Văn A',
  ...change,
});

function person(id: string, change: Partial<Person> = {}): Person {
  const base = newPerson({
    id,
    householdId: 'h1',
    name: `Người ${id}`,
    birthYear: 1990,
    consent: { givenBy: 'self', givenAt: '2026-03-01', recordedBy: 'Tổ', textVersion: 'v1' },
    updatedAt: '2026-03-01',
  });
  return { ...base, ...change };
}

describe('Visit schema', () => {
  const visit: Visit = { id: 'v1', householdId: 'h1', visitedAt: '2026-03-01', visitor: 'Tổ', changes: [{ field: 'fiber', from: false, to: true }], personIds: [], notes: '' };

  it('parses a valid visit', () => {
    expect(Visit.parse(visit)).toEqual(visit);
  });

  it('rejects notes over 1000 characters with its Vietnamese message', () => {
    expect(Visit.safeParse({ ...visit, notes: 'x'.repeat(1001) }).error?.issues[0]?.message).toBe('Ghi chú quá dài');
  });

  it('rejects a change value that is not a status', () => {
    expect(Visit.safeParse({ ...visit, changes: [{ field: 'x', from: null, to: { nested: 1 } }] }).success).toBe(false);
  });
});

describe('diffHousehold', () => {
  it('logs the known fields of a new household, skipping what is still unset', () => {
    const after = household({ houseNumber: '12', fiber: true, poverty: 'poor' });
    expect(diffHousehold(undefined, { household: after, people: [] })).toEqual([
      { field: 'hamletCode', from: null, to: 'T1' },
      { field: 'headName', from: null, to: 'Nguyễn Văn A' },
      { field: 'houseNumber', from: null, to: '12' },
      { field: 'fiber', from: null, to: true },
      { field: 'poverty', from: null, to: 'poor' },
    ]);
  });

  it('logs a new person as "added" with their name, then only their non-default statuses', () => {
    const newcomer = person('p1', { vneid: 'l2_active', skills: ['payment'], phone: 'smartphone' });
    expect(diffHousehold({ household: household(), people: [] }, { household: household(), people: [newcomer] })).toEqual([
      { personId: 'p1', field: 'added', from: null, to: 'Người p1' },
      { personId: 'p1', field: 'birthYear', from: null, to: 1990 },
      { personId: 'p1', field: 'phone', from: null, to: 'smartphone' },
      { personId: 'p1', field: 'vneid', from: null, to: 'l2_active' },
      { personId: 'p1', field: 'skills', from: null, to: ['payment'] },
    ]);
  });

  it('logs the residence of a new person who does not live here', () => {
    const changes = diffHousehold({ household: household(), people: [] }, { household: household(), people: [person('p1', { residence: 'away' })] });
    expect(changes.filter((c) => c.field === 'residence')).toEqual([{ personId: 'p1', field: 'residence', from: null, to: 'away' }]);
  });

  it('logs each changed field with its old and new value', () => {
    const before = { household: household(), people: [person('p1', { vneid: 'approved_waiting' }), person('p2')] };
    const after = {
      household: household({ fiber: true, phone: '0912345678' }),
      people: [person('p1', { vneid: 'l2_active', skills: ['safety', 'payment'] }), person('p2', { name: 'Trần Thị Bích' })],
    };
    expect(diffHousehold(before, after)).toEqual([
      { field: 'phone', from: '', to: '0912345678' },
      { field: 'fiber', from: false, to: true },
      { personId: 'p1', field: 'vneid', from: 'approved_waiting', to: 'l2_active' },
      { personId: 'p1', field: 'skills', from: [], to: ['safety', 'payment'] },
      { personId: 'p2', field: 'name', from: 'Người p2', to: 'Trần Thị Bích' },
    ]);
  });

  it('logs a status set back to its default', () => {
    const before = { household: household({ fiber: true }), people: [person('p1', { residence: 'away' })] };
    const after = { household: household(), people: [person('p1')] };
    expect(diffHousehold(before, after)).toEqual([
      { field: 'fiber', from: true, to: false },
      { personId: 'p1', field: 'residence', from: 'away', to: 'here' },
    ]);
  });

  it.each([
    ['an unchanged save', [person('p1', { skills: ['safety'] })]],
    ['a save that leaves a member out (people are never deleted by a save)', []],
  ])('finds no change in %s', (_, people) => {
    const before = { household: household(), people: [person('p1', { skills: ['safety'] })] };
    expect(diffHousehold(before, { household: household({ updatedAt: '2026-04-01' }), people })).toEqual([]);
  });
});

describe('assistedPeople', () => {
  it.each<[Change[], string[]]>([
    [[], []],
    [[{ field: 'fiber', from: false, to: true }], []],
    [
      [
        { personId: 'p2', field: 'added', from: null, to: 'B' },
        { field: 'fiber', from: false, to: true },
        { personId: 'p1', field: 'vneid', from: 'none', to: 'l2_active' },
        { personId: 'p2', field: 'phone', from: null, to: 'smartphone' },
      ],
      ['p2', 'p1'],
    ],
  ])('%j → %j', (changes, ids) => {
    expect(assistedPeople(changes)).toEqual(ids);
  });
});
