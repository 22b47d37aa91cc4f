import { describe, expect, it } from 'vitest';
import { fixtureCommune } from '../../tests/fixtures/commune';
import { computeCoverage } from './coverage';
import { addShare, birthYearsOf, coverageFromTallies, householdShare, talliedTotals, type Tally } from './coverage-tally';
import { POPULATIONS, inPersonPopulation } from './indicators';
import { newPerson } from './person';

const person = (birthYear: number) =>
  newPerson({ id: 'p', householdId: 'h', name: 'Lò Thị Ngọc', birthYear, consent: { givenBy: 'self', givenAt: '2026-01-01', recordedBy: 'Tổ', textVersion: 'v1' }, updatedAt: '2026-01-01' });

function talliesOf(households: ReturnType<typeof fixtureCommune>['households'], people: ReturnType<typeof fixtureCommune>['people']): Tally[] {
  const tallies = new Map<string, Tally>();
  for (const h of households) addShare(tallies, householdShare(h, people.filter((p) => p.householdId === h.id)), 1);
  return [...tallies.values()].filter((t) => t.count > 0);
}

describe('coverage from tallies', () => {
  it('takes the birth years of each population exactly as inPersonPopulation takes ages', () => {
    for (const population of Object.values(POPULATIONS)) {
      if (population.kind !== 'person') continue;
      for (const year of [2000, 2026, 2099]) {
        const { from, to } = birthYearsOf(population, year);
        for (let born = 1900; born <= 2100; born++) expect([population.label, year, born, born >= from && born <= to]).toEqual([population.label, year, born, inPersonPopulation(population, person(born), year)]);
      }
    }
  });

  it('equals computeCoverage over the fixture commune, for any year and targets', () => {
    const { households, people } = fixtureCommune(777, 400);
    const tallies = talliesOf(households, people);
    for (const year of [1990, 2026, 2040]) {
      const targets = { smartphone: 30, fiber: null };
      expect(coverageFromTallies({ tallies, year, targets })).toEqual(computeCoverage({ households, people, year, targets }));
    }
    expect(talliedTotals(tallies)).toMatchObject({ households: households.length, people: people.length });
  });

  it('taking a share back away leaves the tallies as they were before it', () => {
    const { households, people } = fixtureCommune(778, 30);
    const [first, ...rest] = households;
    if (first === undefined) throw new Error('fixture too small');
    const tallies = new Map<string, Tally>();
    for (const h of rest) addShare(tallies, householdShare(h, people.filter((p) => p.householdId === h.id)), 1);
    const before = structuredClone([...tallies]);
    const share = householdShare(first, people.filter((p) => p.householdId === first.id));
    addShare(tallies, share, 1);
    addShare(tallies, share, -1);
    expect([...tallies].filter(([, t]) => t.count > 0)).toEqual(before);
  });
});
