// Finding a household on the phone by the words a member types: names, house number, phone.
import { matchesQuery, queryWords } from '../domain/search-text';
import type { NgoSoDb, StoredHousehold } from './database';
import { byAddress } from '../domain/vi-order';
import { withPeople, type HouseholdRecord } from './households';

/** Rows of the scanned word read at first, per household wanted: a name typed in full matches about one in three. */
const FIRST_READ_PER_MATCH = 4;

/**
 * Households whose names, house number or phone start with every word of the query: the first
 * `limit` in the index order of the word fewest households have (the longest of those), by
 * address. The words are counted (in the database, no row read): "thi" or "van" start a word in
 * most households, the given name in few. That word's rows are then read in index order, as many
 * as a few pages need, and more only if too few of them match the rest: reading every matching
 * key first (thousands for "nguyen") cost a slow phone more than the rows, most of it in the live
 * query noting each key.
 */
export async function searchHouseholds(db: NgoSoDb, query: string, limit = 50): Promise<HouseholdRecord[]> {
  return db.transaction('r', db.households, db.people, async () => withPeople(db, await findHouseholds(db, query, limit)));
}

/** The households of searchHouseholds without their people, for a screen that reads only the people of the rows it draws. */
export async function findHouseholds(db: NgoSoDb, query: string, limit: number): Promise<StoredHousehold[]> {
  const words = queryWords(query);
  // A word that starts another ("hoa" in "hoa hoang") has at least its households: never the one scanned.
  const candidates = [...new Set(words)].filter((w, _, all) => !all.some((v) => v !== w && v.startsWith(w)));
  if (candidates.length === 0 || limit <= 0) return [];
  const firstRead = limit * FIRST_READ_PER_MATCH;
  return db.transaction('r', db.households, async () => {
    // Each word's first rows are asked for with the counts, in the same trip to the database: a
    // slow phone waits for a trip more than it spends on the rows of the words not scanned.
    const [counts, firstRows] = await Promise.all([
      candidates.length === 1 ? [1] : Promise.all(candidates.map((w) => db.households.where('searchWords').startsWith(w).count())),
      Promise.all(candidates.map((w) => rowsStarting(db, w, firstRead))),
    ]);
    // A word nothing starts with (a typo) matches no household at all.
    if (counts.includes(0)) return [];
    let scanned = 0;
    candidates.forEach((w, i) => {
      const [n, best] = [counts[i] ?? 0, counts[scanned] ?? 0];
      if (n < best || (n === best && w.length > (candidates[scanned] ?? '').length)) scanned = i;
    });
    return (await firstMatches(db, candidates[scanned] ?? '', words, limit, firstRows[scanned] ?? [])).sort(byAddress);
  });
}

function rowsStarting(db: NgoSoDb, word: string, count: number): Promise<StoredHousehold[]> {
  return db.households.where('searchWords').startsWith(word).limit(count).toArray();
}

/** The first `limit` households among `first`'s rows that match every word, reading on from `firstRows` if too few do. */
async function firstMatches(db: NgoSoDb, first: string, words: readonly string[], limit: number, firstRows: readonly StoredHousehold[]): Promise<StoredHousehold[]> {
  let rows = firstRows;
  for (let read = limit * FIRST_READ_PER_MATCH; ; read *= 4) {
    // A household with two words starting with `first` comes twice: the first counts.
    const seen = new Set<string>();
    const found: StoredHousehold[] = [];
    for (const h of rows) {
      if (seen.has(h.id)) continue;
      seen.add(h.id);
      if (matchesQuery(h.searchWords, words) && found.push(h) === limit) return found;
    }
    if (rows.length < read) return found;
    rows = await rowsStarting(db, first, read * 4);
  }
}
