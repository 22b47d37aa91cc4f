import { describe, expect, it } from 'vitest';
import { addressRank, anyLocated, followUpList, formatDistance, haversineMeters, inVisitOrder } from './follow-up';
import { INDICATORS, type Indicator } from './indicators';
import { newHousehold, type Household } from './household';
import { newPerson, type Person } from './person';

const indicator = (id: string): Indicator => {
  const found = INDICATORS.find((i) => i.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('haversineMeters', () => {
  it.each([
    ['the same point', { lat: 21.0285, lng: 105.8542 }, { lat: 21.0285, lng: 105.8542 }, 0, 0],
    ['one degree of latitude', { lat: 15, lng: 108 }, { lat: 16, lng: 108 }, 111_195, 1],
    ['Hà Nội to Hồ Chí Minh City (by the spherical law of cosines: 1,143,506 m)', { lat: 21.0285, lng: 105.8542 }, { lat: 10.7769, lng: 106.7009 }, 1_143_506, 1],
    ['two houses 100 m apart east–west at 15°N', { lat: 15, lng: 108 }, { lat: 15, lng: 108 + 100 / (111_195 * Math.cos((15 * Math.PI) / 180)) }, 100, 0.5],
  ])('%s', (_name, a, b, metres, tolerance) => {
    expect(Math.abs(haversineMeters(a, b) - metres)).toBeLessThanOrEqual(tolerance);
    expect(haversineMeters(b, a)).toBeCloseTo(haversineMeters(a, b), 6);
  });

  it.each([
    [0, '0 m'],
    [347, '350 m'],
    [1000, '1 km'],
    [1234, '1,2 km'],
    [15_600, '15,6 km'],
  ])('%d m is written "%s"', (m, text) => {
    expect(formatDistance(m)).toBe(text);
  });
});

const consent = { givenBy: 'self' as const, givenAt: '2026-01-01T00:00:00Z', recordedBy: 'Tổ', textVersion: 'v1' };
const house = (id: string, houseNumber: string, fields: Partial<Household> = {}): Household => ({
  ...newHousehold({ id, communeCode: 'X', hamletCode: 'T1', createdAt: '2026-01-01T00:00:00Z' }),
  headName: `Chủ hộ ${id}`,
  houseNumber,
  ...fields,
});
const person = (id: string, householdId: string, birthYear: number, fields: Partial<Person> = {}): Person => ({
  ...newPerson({ id, householdId, name: `Người ${id}`, birthYear, consent, updatedAt: '2026-01-01T00:00:00Z' }),
  ...fields,
});
const at = (lat: number, lng: number) => ({ lat, lng, accuracyM: 10, takenAt: '2026-01-01T00:00:00Z' });

describe('followUpList', () => {
  const records = [
    { household: house('h10', '10', { location: at(15.002, 108) }), people: [person('a', 'h10', 1980), person('b', 'h10', 1990, { phone: 'smartphone' })] },
    { household: house('h2', '2'), people: [person('c', 'h2', 1970)] },
    { household: house('h9', '9', { location: at(15.0005, 108) }), people: [person('d', 'h9', 1985), person('e', 'h9', 2015)] },
    { household: house('h3', '3', { fiber: true }), people: [person('f', 'h3', 1960, { phone: 'smartphone' })] },
    { household: house('h1', '1'), people: [person('g', 'h1', 1950, { residence: 'away' })] },
  ];
  const smartphone = indicator('smartphone');

  it('lists only households with someone in the population still lacking it, naming those people, by house number', () => {
    const list = followUpList(records, smartphone, 2026);
    expect(list.map((i) => [i.household.id, i.lacking.map((p) => p.id)])).toEqual([
      ['h2', ['c']],
      ['h9', ['d']],
      ['h10', ['a']],
    ]);
    expect(list.every((i) => i.distanceM === null)).toBe(true);
  });

  it('puts the nearest located household first when the phone knows where it is, the others after by house number', () => {
    const list = followUpList(records, smartphone, 2026, { lat: 15, lng: 108 });
    expect(list.map((i) => i.household.id)).toEqual(['h9', 'h10', 'h2']);
    expect(Math.round(list[0]?.distanceM ?? 0)).toBe(56);
    expect(list[2]?.distanceM).toBeNull();
  });

  it('lists the household itself for a household indicator', () => {
    const list = followUpList(records, indicator('fiber'), 2026);
    expect(list.map((i) => [i.household.id, i.lacking.length])).toEqual([['h1', 0], ['h2', 0], ['h9', 0], ['h10', 0]]);
  });

  it('knows whether any household has a position to sort by', () => {
    expect(anyLocated(records)).toBe(true);
    expect(anyLocated(records.filter((r) => r.household.location === undefined))).toBe(false);
  });
});

describe('inVisitOrder', () => {
  it('orders house numbers as the Vietnamese numeric collation does, whatever they look like', () => {
    const numbers = ['10', '9', '9A', '9b', '09', '100', 'Số 5', '5/2', '5/10', '', '12 ngõ 3', 'Kiốt 2', '007', '3 ', ' 3', '2a', '2B', 'ấp 1'];
    const places = numbers.map((houseNumber, i) => ({ household: { id: `h${i}`, houseNumber, street: '', headName: 'A' } }));
    const collator = new Intl.Collator('vi', { numeric: true });
    const expected = [...places].sort((a, b) => collator.compare(a.household.houseNumber, b.household.houseNumber) || (a.household.id < b.household.id ? -1 : 1));
    expect(inVisitOrder(places).map((p) => p.household.houseNumber)).toEqual(expected.map((p) => p.household.houseNumber));
  });
});

describe('addressRank', () => {
  it('never contradicts the list order: two households ranked differently are in the order of their ranks', () => {
    const numbers = ['10', '9', '9A', '09', '100', 'Số 5', '5/2', '', '12 ngõ 3', 'Kiốt 2', '007', '3 ', ' 3', '2a', 'ấp 1', 'Đội 4', '#7', '-3', '½', '１２', '١٢', '12345678901234567', '999999999999999'];
    const ordered = inVisitOrder(numbers.map((houseNumber, i) => ({ household: { id: `h${i}`, houseNumber, street: '', headName: 'A' } }))).map((p) => p.household.houseNumber);
    for (const [i, a] of ordered.entries()) {
      for (const b of ordered.slice(i + 1)) {
        const [ra, rb] = [addressRank(a), addressRank(b)];
        if (ra !== undefined && rb !== undefined) expect(ra <= rb, `${a} before ${b}`).toBe(true);
      }
    }
  });

  it.each([
    ['', '0'],
    ['12', `1${'12'.padStart(15, '0')}`],
    ['012B', `1${'12'.padStart(15, '0')}`],
    ['Kiốt 2', '2'],
    ['#7', undefined],
    [' 3', undefined],
    ['１２', undefined],
    ['12345678901234567', undefined],
  ])('ranks "%s" as %s', (houseNumber, rank) => {
    expect(addressRank(houseNumber)).toBe(rank);
  });
});
