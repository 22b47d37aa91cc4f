// Finding a household on the phone by the words a member types: names, house number, phone.
// Reads the households' `searchWords` index, through Dexie or, for the rows a tap draws first,
// with IndexedDB itself.
import { matchesQuery, queryWords } from '../domain/search-text';
import type { NgoSoDb, StoredHousehold, StoredPerson } from './database';
import { byAddress, byName } from '../domain/vi-order';
import { stripAuthor, stripIndex, withPeople, type HouseholdRecord } from './households';
import { requested } from './idb-request';
import { onTablesChanged } from './table-changes';

/** What a search reads of the households' word index: through Dexie (live reads see it), or IndexedDB itself. */
type WordIndex = {
  /** How many index entries start with each word (no row read). */
  counts(words: readonly string[]): Promise<number[]>;
  /** The first `count` rows in the index order of the words starting with `word`. */
  rows(word: string, count: number): Promise<StoredHousehold[]>;
};

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
  return db.transaction('r', db.households, () => matching(dexieIndex(db), query, limit, countsKept(db)));
}

/** The first `limit` matches and the first `drawn` of them with their people, as records. */
export type FirstRows = { matches: StoredHousehold[]; records: HouseholdRecord[] };

/**
 * The rows a tap on "Tìm" draws first, read in one IndexedDB transaction without Dexie: the same
 * matches as findHouseholds, and the people of the first `drawn`. Dexie's promise and transaction
 * bookkeeping cost a slow phone ~2 ms a request, and its transaction waits for the commit; the
 * reads that follow (the rest of the page, and again after each write) go through Dexie.
 */
export async function firstSearchRows(db: NgoSoDb, query: string, limit: number, drawn: number): Promise<FirstRows> {
  if (!db.isOpen()) await db.open();
  const tx = db.backendDB().transaction(['households', 'people'], 'readonly');
  const matches = await matching(idbIndex(tx), query, limit, countsKept(db));
  const shown = matches.slice(0, drawn);
  const people = tx.objectStore('people').index('householdId');
  const theirs = await Promise.all(shown.map((h) => requested<StoredPerson[]>(people.getAll(h.id))));
  return { matches, records: shown.map((h, i) => ({ household: stripIndex(h), people: (theirs[i] ?? []).map(stripAuthor).sort(byName) })) };
}

/**
 * How many index entries start with each word, as counted on this page since the households last
 * changed (here, in another tab, or by a sync). The counts only choose the word scanned, and any
 * word finds households that match: a count a little behind costs nothing but its trip to the
 * database saved. A word nothing started with is not kept: it may be saved next.
 */
let counted: { db: NgoSoDb; counts: Map<string, number> } | undefined;

function countsKept(db: NgoSoDb): Map<string, number> {
  if (counted?.db !== db) {
    const counts = new Map<string, number>();
    // One database at a time (the signed-in account's): the last one's listener is not removed,
    // it only clears a map no search reads any more.
    onTablesChanged(db, ['households'], () => counts.clear());
    counted = { db, counts };
  }
  return counted.counts;
}

/**
 * The words' counts, those not kept counted in one trip to the database; at once when all are
 * kept (no await: a Dexie transaction with no request waiting would commit meanwhile).
 */
function wordCounts(index: WordIndex, words: readonly string[], kept: Map<string, number>): number[] | Promise<number[]> {
  const known = () => words.map((w) => kept.get(w) ?? 0);
  const unknown = words.filter((w) => !kept.has(w));
  if (unknown.length === 0) return known();
  return index.counts(unknown).then((fresh) => {
    unknown.forEach((w, i) => {
      if ((fresh[i] ?? 0) > 0) kept.set(w, fresh[i] ?? 0);
    });
    return known();
  });
}

async function matching(index: WordIndex, query: string, limit: number, kept: Map<string, number>): Promise<StoredHousehold[]> {
  const words = queryWords(query);
  // A word that starts another ("hoa" in "hoa hoang") has at least its households: never the one scanned.
  const candidates = [...new Set(words)].filter((w, _, all) => !all.some((v) => v !== w && v.startsWith(w)));
  if (candidates.length === 0 || limit <= 0) return [];
  // The words are counted first, in one trip to the database (no row read), and the rows of the
  // word fewest households have read after: asking for every word's rows in the same trip as the
  // counts cost a slow phone ~10 ms more, in rows thrown away, than the second trip.
  const known = candidates.length === 1 ? [1] : wordCounts(index, candidates, kept);
  const counts = Array.isArray(known) ? known : await known;
  // A word nothing starts with (a typo) matches no household at all.
  if (counts.includes(0)) return [];
  let scanned = 0;
  candidates.forEach((w, i) => {
    const [n, best] = [counts[i] ?? 0, counts[scanned] ?? 0];
    if (n < best || (n === best && w.length > (candidates[scanned] ?? '').length)) scanned = i;
  });
  return (await firstMatches(index, candidates[scanned] ?? '', words, limit)).sort(byAddress);
}

/**
 * How many of a word's rows to read next when `found` of `read` matched and `limit` are wanted:
 * as many as the share seen promises, a quarter more for luck; four times as many if none matched.
 */
export function nextRead(read: number, found: number, limit: number): number {
  return found === 0 ? read * 4 : Math.max(read + 1, Math.ceil(((read * limit) / found) * 1.25));
}

/** The first `limit` households among `first`'s rows that match every word, in index order. */
async function firstMatches(index: WordIndex, first: string, words: readonly string[], limit: number): Promise<StoredHousehold[]> {
  for (let read = limit * FIRST_READ_PER_MATCH; ; ) {
    const rows = await index.rows(first, read);
    // A household with two words starting with `first` comes twice: the first counts.
    const seen = new Set<string>();
    const found: StoredHousehold[] = [];
    for (const h of rows) {
      if (seen.has(h.id)) continue;
      seen.add(h.id);
      if (matchesQuery(h.searchWords, words) && found.push(h) === limit) return found;
    }
    if (rows.length < read) return found;
    read = nextRead(read, found.length, limit);
  }
}

function dexieIndex(db: NgoSoDb): WordIndex {
  return {
    counts: (words) => Promise.all(words.map((w) => db.households.where('searchWords').startsWith(w).count())),
    rows: (word, count) => db.households.where('searchWords').startsWith(word).limit(count).toArray(),
  };
}

/** The same reads in an IndexedDB transaction: each awaited in its success event, so the transaction stays open. */
function idbIndex(tx: IDBTransaction): WordIndex {
  const index = tx.objectStore('households').index('searchWords');
  // Dexie's startsWith: every key from the word to the word followed by the last character.
  const starting = (w: string) => IDBKeyRange.bound(w, `${w}\uffff`);
  return {
    counts: (words) => Promise.all(words.map((w) => requested(index.count(starting(w))))),
    rows: (word, count) => requested<StoredHousehold[]>(index.getAll(starting(word), count)),
  };
}
