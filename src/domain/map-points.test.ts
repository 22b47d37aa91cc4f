import { describe, expect, it } from 'vitest';
import { newHousehold, type GeoPoint, type Household } from './household';
import { INDICATORS, type Indicator } from './indicators';
import { hamletLabels, householdGap, mapData } from './map-points';
import { newPerson, type Person } from './person';

const YEAR = 2026;

const at = (lat: number, lng: number, accuracyM = 8): GeoPoint => ({ lat, lng, accuracyM, takenAt: '2026-03-01T08:00:00Z' });

const household = (id: string, hamletCode: string, change: Partial<Household> = {}): Household => ({
  ...newHousehold({ id, communeCode: 'X1', hamletCode, createdAt: '2026-03-01' }),
  headName: `Chủ hộ ${id}`,
  ...change,
});

function person(id: string, householdId: string, change: Partial<Person> = {}): Person {
  const base = newPerson({
    id,
    householdId,
    name: `Người ${id}`,
    birthYear: 1990,
    consent: { givenBy: 'self', givenAt: '2026-03-01', recordedBy: 'Tổ', textVersion: 'v1' },
    updatedAt: '2026-03-01',
  });
  return { ...base, ...change };
}

function indicator(id: string): Indicator {
  const found = INDICATORS.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no indicator ${id}`);
  return found;
}

const smartphone = indicator('smartphone');
const fiber = indicator('fiber');

describe('householdGap', () => {
  const h = household('h1', 'T1');

  it.each([
    ['everyone counted has it', [person('a', 'h1', { phone: 'smartphone' }), person('b', 'h1', { phone: 'smartphone' })], 'complete', 2, 0],
    ['some lack it', [person('a', 'h1', { phone: 'smartphone' }), person('b', 'h1', { phone: 'basic_2g' })], 'partial', 2, 1],
    ['everyone counted lacks it', [person('a', 'h1', { phone: 'none' }), person('b', 'h1', { phone: 'basic_4g' })], 'lacking', 2, 2],
    ['nobody is in the population (a child only)', [person('c', 'h1', { birthYear: 2020 })], 'not_counted', 0, 0],
    ['nobody is recorded yet', [], 'not_counted', 0, 0],
    ['the only adult lacking it has moved out', [person('a', 'h1', { phone: 'smartphone' }), person('b', 'h1', { residence: 'moved' })], 'complete', 1, 0],
  ] as const)('person indicator: %s', (_, people, gapClass, counted, lacking) => {
    expect(householdGap(smartphone, h, people, YEAR)).toEqual({ gapClass, counted, lacking });
  });

  it.each([
    [true, 'complete', 0],
    [false, 'lacking', 1],
  ] as const)('household indicator: fiber %s → %s', (hasFiber, gapClass, lacking) => {
    expect(householdGap(fiber, household('h1', 'T1', { fiber: hasFiber }), [], YEAR)).toEqual({ gapClass, counted: 1, lacking });
  });
});

describe('mapData', () => {
  const records = [
    { household: household('h1', 'T1', { location: at(15.1, 108.6), fiber: true }), people: [] },
    { household: household('h2', 'T1'), people: [] },
    { household: household('h3', 'T2', { location: at(15.2, 108.7, 70) }), people: [] },
    { household: household('h4', 'T2', { location: at(15.21, 108.71) }), people: [] },
  ];

  it('draws located households and lists the others', () => {
    const data = mapData(records, fiber, YEAR);
    expect(data.points.map((p) => p.householdId).sort()).toEqual(['h1', 'h3', 'h4']);
    expect(data.unlocated.map((r) => r.household.id)).toEqual(['h2']);
  });

  it('counts located households per class (the legend)', () => {
    expect(mapData(records, fiber, YEAR).counts).toEqual({ lacking: 2, partial: 0, complete: 1, not_counted: 0 });
  });

  it('draws the households that lack it last, on top', () => {
    expect(mapData(records, fiber, YEAR).points.map((p) => p.gap.gapClass)).toEqual(['complete', 'lacking', 'lacking']);
  });

  it('carries position, accuracy and hamlet', () => {
    const h3 = mapData(records, fiber, YEAR).points.find((p) => p.householdId === 'h3');
    expect(h3).toMatchObject({ lat: 15.2, lng: 108.7, accuracyM: 70, hamletCode: 'T2' });
  });

  it('gives back the caller’s own records for the unlocated list', () => {
    const withExtra = records.map((r) => ({ ...r, sync: 'local' }));
    expect(mapData(withExtra, fiber, YEAR).unlocated[0]?.sync).toBe('local');
  });
});

describe('hamletLabels', () => {
  it('puts one label per hamlet at the mean of its houses, named, sorted by name', () => {
    const { points } = mapData(
      [
        { household: household('h1', 'T2', { location: at(15.0, 108.0) }), people: [] },
        { household: household('h2', 'T2', { location: at(15.2, 108.4) }), people: [] },
        { household: household('h3', 'T1', { location: at(16.0, 109.0) }), people: [] },
      ],
      fiber,
      YEAR,
    );
    const labels = hamletLabels(points, new Map([['T1', 'Thôn 10'], ['T2', 'Thôn 2']]));
    expect(labels.map((l) => [l.name, l.households])).toEqual([
      ['Thôn 2', 2],
      ['Thôn 10', 1],
    ]);
    expect(labels[0]?.lat).toBeCloseTo(15.1, 12);
    expect(labels[0]?.lng).toBeCloseTo(108.2, 12);
  });

  it('names a hamlet the phone does not know by its code', () => {
    const { points } = mapData([{ household: household('h1', 'T9', { location: at(15, 108) }), people: [] }], fiber, YEAR);
    expect(hamletLabels(points, new Map())[0]?.name).toBe('T9');
  });

  it('has no label for a hamlet with no located household', () => {
    expect(hamletLabels([], new Map([['T1', 'Thôn 1']]))).toEqual([]);
  });
});
