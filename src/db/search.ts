// Finding a household on the phone by the words a member types: names, house number, phone.
import { matchesQuery, queryWords } from '../domain/search-text';
import type { NgoSoDb, StoredHousehold } from './database';
import { byRecordAddress, withPeople, type HouseholdRecord } from './households';

/** Rows of the scanned word read at first, per household wanted: a name typed in full matches about one in three. */
const FIRST_READ_PER_MATCH = 4;

/**
 * Households whose names, house number or phone start with every word of the query: the first
 * `limit` in the index order of the word fewest households have (the longest of those), by
 * address. The words are counted first (in the database, no row read): "thi" or "van" start a
 * word in most households, the given name in few. That word's rows are then read in index order,
 * as many as a few pages need, and more only if too few of them match the rest: reading every
 * matching key first (thousands for "nguyen") cost a slow phone more than the rows, most of it
 * in the live query noting each key.
 */
export async function searchHouseholds(db: NgoSoDb, query: string, limit = 50): Promise<HouseholdRecord[]> {
  const words = queryWords(query);
  if (words.length === 0 || limit <= 0) return [];
  return db.transaction('r', db.households, db.people, async () => {
    const counts = words.length === 1 ? [1] : await Promise.all(words.map((w) => db.households.where('searchWords').startsWith(w).count()));
    // A word nothing starts with (a typo) matches no household at all.
    if (counts.includes(0)) return [];
    let scanned = 0;
    words.forEach((w, i) => {
      const [n, best] = [counts[i] ?? 0, counts[scanned] ?? 0];
      if (n < best || (n === best && w.length > (words[scanned] ?? '').length)) scanned = i;
    });
    const found = await firstMatches(db, words[scanned] ?? '', words, limit);
    return (await withPeople(db, found)).sort(byRecordAddress);
  });
}

async function firstMatches(db: NgoSoDb, first: string, words: readonly string[], limit: number): Promise<StoredHousehold[]> {
  for (let read = limit * FIRST_READ_PER_MATCH; ; read *= 4) {
    const rows = await db.households.where('searchWords').startsWith(first).limit(read).toArray();
    // A household with two words starting with `first` comes twice: the first counts.
    const seen = new Set<string>();
    const found: StoredHousehold[] = [];
    for (const h of rows) {
      if (seen.has(h.id)) continue;
      seen.add(h.id);
      if (matchesQuery(h.searchWords, words) && found.push(h) === limit) return found;
    }
    if (rows.length < read) return found;
  }
}
