// Finding a household on the phone by the words a member types: names, house number, phone.
import { matchesQuery, queryWords } from '../domain/search-text';
import type { NgoSoDb, StoredHousehold } from './database';
import { byRecordAddress, withPeople, type HouseholdRecord } from './households';

/**
 * Households whose names, house number or phone start with every word of the query: the first
 * `limit` in the index order of the longest word, by address. That word's matches are read as
 * keys only (one request, no rows), then rows a page at a time until `limit` match the rest:
 * stepping a cursor through the index, a step per entry, cost a slow phone hundreds of ms.
 */
export async function searchHouseholds(db: NgoSoDb, query: string, limit = 50): Promise<HouseholdRecord[]> {
  const words = queryWords(query);
  const first = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (first === '' || limit <= 0) return [];
  return db.transaction('r', db.households, db.people, async () => {
    // A household with two words starting with `first` is listed twice: keep the first.
    const keys = [...new Set(await db.households.where('searchWords').startsWith(first).primaryKeys())];
    const found: StoredHousehold[] = [];
    const page = Math.max(limit, 20);
    for (let at = 0; at < keys.length && found.length < limit; at += page) {
      const rows = await db.households.bulkGet(keys.slice(at, at + page));
      for (const h of rows) if (h !== undefined && found.length < limit && matchesQuery(h.searchWords, words)) found.push(h);
    }
    return (await withPeople(db, found)).sort(byRecordAddress);
  });
}
