// What the lead's screens compute from: the commune's households, people and visits as they are
// on this phone, read in one transaction so that the three agree (the report, figures of an
// earlier moment); and for "Ai cần thăm tiếp", only the households lacking an indicator, found
// by their follow-up keys (tallies.ts), and the people of those on screen.
import { inVisitOrder, type LatLng } from '../domain/follow-up';
import { followUpOrderRange, followUpRange, oneKeyPerHousehold, orderPage } from '../domain/follow-up-keys';
import { followUpRankRanges, fromRankKey } from '../domain/follow-up-rank';
import type { Indicator } from '../domain/indicators';
import type { Visit } from '../domain/visit';
import type { HouseholdPlace, NgoSoDb } from './database';
import { byName, listCommuneHouseholds, stripAuthor, stripIndex, type HouseholdRecord } from './households';

export type CommuneRecords = { records: HouseholdRecord[]; visits: Visit[] };

export async function loadCommuneRecords(db: NgoSoDb, communeCode: string): Promise<CommuneRecords> {
  return db.transaction('r', db.households, db.people, db.visits, async () => {
    const records = await listCommuneHouseholds(db, communeCode);
    const ids = records.map((r) => r.household.id);
    const visits = ids.length === 0 ? [] : await db.visits.where('householdId').anyOf(ids).toArray();
    return { records, visits };
  });
}

/**
 * Where the households of these hamlets with someone (or the household itself) lacking
 * `indicator` in `year` are, and what they sort by: one read per hamlet, no household or person read.
 */
export async function loadFollowUpPlaces(
  db: NgoSoDb,
  input: { communeCode: string; hamletCodes: readonly string[]; indicator: Indicator; year: number },
): Promise<HouseholdPlace[]> {
  const { communeCode, hamletCodes, indicator, year } = input;
  return db.transaction('r', db.followUps, async () => {
    const places = new Map<string, HouseholdPlace>();
    for (const hamletCode of hamletCodes) {
      const [from, to] = followUpRange(communeCode, hamletCode, indicator, year);
      if (from > to) continue;
      // A household is listed once per birth year it has someone lacking it in.
      for (const entry of await db.followUps.where('keys').between(from, to, true, true).toArray()) places.set(entry.householdId, entry.place);
    }
    return [...places.values()];
  });
}

export type FollowUpPage = {
  /** Households listed. */
  total: number;
  /** Whether some of them has a stored position (the list can then be sorted by distance). */
  located: boolean;
  /** The first `count` of them, in the order listed. */
  places: HouseholdPlace[];
};

/**
 * The first `count` households of the follow-up list, in the order listed, with how many there are.
 * In address order from the rank keys of each hamlet, read until past its `count`-th household,
 * and the places of the few that can be first; nearest `here` first from every listed household's place.
 */
export async function loadFollowUpPage(
  db: NgoSoDb,
  input: { communeCode: string; hamletCodes: readonly string[]; indicator: Indicator; year: number; count: number; here?: LatLng | undefined },
): Promise<FollowUpPage> {
  const { communeCode, hamletCodes, indicator, year, count, here } = input;
  if (here !== undefined) {
    const all = await loadFollowUpPlaces(db, input);
    const ordered = inVisitOrder(all.map((household) => ({ household })), here).map((r) => r.household);
    return { total: all.length, located: all.some((p) => p.location !== undefined), places: ordered.slice(0, count) };
  }
  return db.transaction('r', db.followUpOrder, db.followUpRank, db.followUps, async () => {
    const ranges = hamletCodes.map((h) => followUpRange(communeCode, h, indicator, year)).filter(([from, to]) => from <= to);
    const [firsts, listed] = await Promise.all([
      Promise.all(ranges.map((range) => firstInAddressOrder(db, range, count))),
      oneKeyPerHousehold(indicator) ? Promise.all(ranges.map((range) => countListed(db, range))) : undefined,
    ]);
    const { candidates } = orderPage(firsts.flat(), count);
    const entries = await db.followUps.bulkGet(candidates);
    const places = entries.flatMap((e) => (e === undefined ? [] : [{ household: e.place }]));
    const page = inVisitOrder(places).slice(0, count).map((r) => r.household);
    if (listed === undefined) {
      // One key per birth year lacking it: how many households only their keys tell, every one read.
      const all = await Promise.all(ranges.map((range) => db.followUpOrder.where('key').between(...followUpOrderRange(range), true, false).primaryKeys()));
      const whole = orderPage(all.flat(), 0);
      return { total: whole.total, located: whole.located, places: page };
    }
    return { total: listed.reduce((n, l) => n + l.total, 0), located: listed.some((l) => l.located), places: page };
  });
}

/** How many households one hamlet lists when each is filed once, and whether one of them has a stored position: counted, not read. */
async function countListed(db: NgoSoDb, range: [string, string]): Promise<{ total: number; located: boolean }> {
  const [total, located] = await Promise.all([
    db.followUpOrder.where('key').between(...followUpOrderRange(range), true, false).count(),
    db.followUpRank.where('located').between(range[0], range[1], true, true).limit(1).primaryKeys(),
  ]);
  return { total, located: located.length > 0 };
}

/**
 * The order keys of one hamlet's list that can be among its first `count` in address order: its
 * rank keys in order until the rank after the `count`-th listed household's, and the unranked.
 * A key of another birth year than the list's is passed over.
 */
async function firstInAddressOrder(db: NgoSoDb, range: [string, string], count: number): Promise<string[]> {
  const [from, to] = range;
  const { ranked, unranked } = followUpRankRanges(range);
  const inList = (followUpKey: string) => followUpKey >= from && followUpKey <= to;
  const found: string[] = [];
  const households = new Set<string>();
  let cutoff: string | undefined;
  // A few more than a page: households with someone too young for the list are passed over.
  const batch = count + Math.ceil(count / 2) + 1;
  for (let after: string | undefined; ; ) {
    const keys = await db.followUpRank.where('key').between(after ?? ranked[0], ranked[1], after === undefined, false).limit(batch).primaryKeys();
    for (const rankKey of keys) {
      const { orderKey, followUpKey, rank, householdId } = fromRankKey(rankKey);
      if (cutoff !== undefined && rank > cutoff) return [...found, ...(await unrankedKeys())];
      if (!inList(followUpKey)) continue;
      found.push(orderKey);
      households.add(householdId);
      if (households.size === count) cutoff = rank;
    }
    if (keys.length < batch) return [...found, ...(await unrankedKeys())];
    after = keys[keys.length - 1];
  }
  async function unrankedKeys(): Promise<string[]> {
    const keys = await db.followUpRank.where('key').between(unranked[0], unranked[1], true, false).primaryKeys();
    return keys.map(fromRankKey).flatMap((k) => (inList(k.followUpKey) ? [k.orderKey] : []));
  }
}

/** These households with their people as stored now (the page of the follow-up list on screen). */
export async function loadHouseholdRecords(db: NgoSoDb, householdIds: readonly string[]): Promise<HouseholdRecord[]> {
  return db.transaction('r', db.households, db.people, async () => {
    // One request per household, all sent at once: a few hundred steps of one cursor take longer.
    const [stored, people] = await Promise.all([
      db.households.bulkGet([...householdIds]),
      Promise.all(householdIds.map((id) => db.people.where('householdId').equals(id).toArray())),
    ]);
    return stored.flatMap((h, i) => (h === undefined ? [] : [{ household: stripIndex(h), people: (people[i] ?? []).map(stripAuthor).sort(byName) }]));
  });
}
