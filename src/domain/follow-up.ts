// "Ai cần thăm tiếp": for one indicator, the households with people still lacking it (or, for a
// household indicator, the household itself), nearest first when the phone knows where it is,
// otherwise in house-number order. Pure: the position and the year are inputs.
import type { Household } from './household';
import type { Person } from './person';
import { formatInteger } from './format-vi';
import { inPersonPopulation, isHouseholdIndicator, meetsHouseholdRule, meetsPersonRule, type Indicator } from './indicators';
import { nameOrder, numberOrder } from './vi-order';

export type LatLng = { lat: number; lng: number };

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine): ample for a hamlet's few kilometres. */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** "350 m", "1,2 km". */
export function formatDistance(meters: number): string {
  if (meters < 1000) return `${formatInteger(Math.round(meters / 10) * 10)} m`;
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(meters / 1000)} km`;
}

export type FollowUpRecord = { household: Household; people: readonly Person[] };

export type FollowUpItem = {
  household: Household;
  /** The people still lacking it; empty for a household indicator (the household lacks it). */
  lacking: Person[];
  /** From `here`, when both it and the household's stored position are known. */
  distanceM: number | null;
};

const leadingNumber = /^\d+/;

/** What the list sorts a household by. */
export type Place = Pick<Household, 'id' | 'houseNumber' | 'street' | 'headName' | 'location'>;

/** As numberOrder: house numbers that begin with different numbers are in the order of those numbers. */
function byHouseNumber(a: string, b: string): number {
  const x = leadingNumber.exec(a)?.[0];
  const y = leadingNumber.exec(b)?.[0];
  if (x !== undefined && y !== undefined && x.length <= 15 && y.length <= 15 && Number(x) !== Number(y)) return Number(x) - Number(y);
  return numberOrder.compare(a, b);
}

const latinLetter = /^\p{Script=Latin}/u;

/**
 * A coarse key of a household's place in address order, for sorting by plain string comparison:
 * two households whose ranks differ are in the order of their ranks (byHouseNumber: no house
 * number first, then by leading number, then those beginning with a letter, as the collator puts
 * digits before Latin letters); equal ranks need the full comparison. `undefined` when the house
 * number fits none of these (a symbol first, a very long number): such a household is always compared in full.
 */
export function addressRank(houseNumber: string): string | undefined {
  if (houseNumber === '') return '0';
  const digits = leadingNumber.exec(houseNumber)?.[0];
  if (digits !== undefined) return digits.length <= 15 ? `1${String(Number(digits)).padStart(15, '0')}` : undefined;
  return latinLetter.test(houseNumber) ? '2' : undefined;
}

function byAddress(a: Place, b: Place): number {
  return (
    byHouseNumber(a.houseNumber, b.houseNumber) ||
    numberOrder.compare(a.street, b.street) ||
    nameOrder.compare(a.headName, b.headName) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The households in the order they are listed: with a stored position nearest `here` first, then by address. */
export function inVisitOrder<T extends { household: Place }>(rows: readonly T[], here?: LatLng): T[] {
  const distance = new Map(rows.map((r) => [r, here && r.household.location ? haversineMeters(here, r.household.location) : null]));
  return [...rows].sort((a, b) => {
    const da = distance.get(a) ?? null;
    const db = distance.get(b) ?? null;
    if (da !== null && db !== null) return da - db || byAddress(a.household, b.household);
    if (da !== null) return -1;
    if (db !== null) return 1;
    return byAddress(a.household, b.household);
  });
}

/**
 * The households to visit for `indicator`: households with a stored position nearest `here`
 * first, then those without one in house-number order; without `here`, all in house-number order.
 */
export function followUpList(
  records: readonly FollowUpRecord[],
  indicator: Indicator,
  year: number,
  here?: LatLng,
): FollowUpItem[] {
  const items: FollowUpItem[] = [];
  for (const { household, people } of records) {
    let lacking: Person[] = [];
    if (isHouseholdIndicator(indicator)) {
      if (meetsHouseholdRule(indicator.rule, household)) continue;
    } else {
      const { population, rule } = indicator;
      lacking = people.filter((p) => inPersonPopulation(population, p, year) && !meetsPersonRule(rule, p));
      if (lacking.length === 0) continue;
    }
    const distanceM = here && household.location ? haversineMeters(here, household.location) : null;
    items.push({ household, lacking, distanceM });
  }
  return inVisitOrder(items, here);
}

/** Whether sorting by distance can help: some household has a stored position. */
export function anyLocated(records: readonly FollowUpRecord[]): boolean {
  return records.some((r) => r.household.location !== undefined);
}
