import { describe, expect, it } from 'vitest';
import { backOnList, personFromList } from './expected-members';
import { newHousehold, type Household } from './household';

const T0 = '2026-03-01T08:00:00.000Z';
const listed: Household = {
  ...newHousehold({ id: 'h1', communeCode: 'X1', hamletCode: 'T1', createdAt: T0 }),
  headName: 'Nguyễn Văn An',
  expectedMembers: [{ name: 'Nguyễn Văn An', birthYear: 1975 }, { name: 'Trần Thị Bình', birthYear: 1978 }, { name: 'Nguyễn Thị Cúc', birthYear: 2008 }],
};

describe('personFromList', () => {
  it('starts a person with the listed name and birth year, no consent and nothing recorded, and takes them off the list', () => {
    const started = personFromList(listed, 1, { id: 'p1', now: T0 });
    expect(started?.person).toMatchObject({ id: 'p1', householdId: 'h1', name: 'Trần Thị Bình', birthYear: 1978, consent: undefined, vneid: 'none', skills: [] });
    expect(started?.household.expectedMembers?.map((m) => m.name)).toEqual(['Nguyễn Văn An', 'Nguyễn Thị Cúc']);
    expect(started?.member).toEqual({ name: 'Trần Thị Bình', birthYear: 1978 });
  });

  it('does nothing for a member no longer on the list', () => {
    expect(personFromList(listed, 3, { id: 'p1', now: T0 })).toBeUndefined();
    expect(personFromList({ ...listed, expectedMembers: undefined }, 0, { id: 'p1', now: T0 })).toBeUndefined();
  });
});

describe('backOnList', () => {
  it('puts a discarded member back where they were', () => {
    const started = personFromList(listed, 1, { id: 'p1', now: T0 });
    if (started === undefined) throw new Error('not started');
    expect(backOnList(started.household, started.member, 1)).toEqual(listed);
  });

  it('puts them last when the list has grown shorter since', () => {
    expect(backOnList({ ...listed, expectedMembers: [] }, { name: 'An', birthYear: 1975 }, 2).expectedMembers).toEqual([{ name: 'An', birthYear: 1975 }]);
  });
});
