// Finding a household on the phone by the words a member types: names, house number, phone.
import { matchesQuery, queryWords } from '../domain/search-text';
import type { NgoSoDb, StoredHousehold } from './database';
import { byRecordAddress, withPeople, type HouseholdRecord } from './households';

/** Rows of the longest word read at first, per household wanted: a name typed in full matches about one in three. */
const FIRST_READ_PER_MATCH = 4;

/**
 * Households whose names, house number or phone start with every word of the query: the first
 * `limit` in the index order of the longest word, by address. That word's rows are read in index
 * order, as many as a few pages need, and more only if too few of them match the rest: reading
 * every matching key first (thousands for "nguyen") cost a slow phone more than the rows, most
 * of it in the live query noting each key.
 */
export async function searchHouseholds(db: NgoSoDb, query: string, limit = 50): Promise<HouseholdRecord[]> {
  const words = queryWords(query);
  const first = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (first === '' || limit <= 0) return [];
  return db.transaction('r', db.households, db.people, async () => {
    const found = await firstMatches(db, first, words, limit);
    return (await withPeople(db, found)).sort(byRecordAddress);
  });
}

async function firstMatches(db: NgoSoDb, first: string, words: readonly string[], limit: number): Promise<StoredHousehold[]> {
  const byFirst = () => db.households.where('searchWords').startsWith(first);
  for (let read = limit * FIRST_READ_PER_MATCH; ; read *= 4) {
    const rows = await byFirst().limit(read).toArray();
    // A household with two words starting with `first` comes twice: the first counts.
    const seen = new Set<string>();
    const found: StoredHousehold[] = [];
    for (const h of rows) {
      if (seen.has(h.id)) continue;
      seen.add(h.id);
      if (matchesQuery(h.searchWords, words) && found.push(h) === limit) return found;
    }
    if (rows.length < read) return found;
    // Before reading further: a word nothing starts with (a typo) matches no household at all.
    if (read === limit * FIRST_READ_PER_MATCH) {
      const counts = await Promise.all(words.map((w) => db.households.where('searchWords').startsWith(w).count()));
      if (counts.includes(0)) return [];
    }
  }
}
