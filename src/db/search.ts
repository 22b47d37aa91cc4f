// Finding a household on the phone by the words a member types: names, house number, phone.
// Reads the households' `searchWords` index; the first page drawn is read with IndexedDB itself.
import { matchesQuery, queryWords } from '../domain/search-text';
import type { NgoSoDb, OutboxRow, StoredHousehold, StoredPerson } from './database';
import { byAddress, byName } from '../domain/vi-order';
import { stripAuthor, stripIndex, withPeople, type HouseholdRecord } from './households';
import { syncStates, type HouseholdSync } from './outbox-status';

/** What a search reads of the households: through Dexie (live queries see it), or IndexedDB itself. */
type WordIndex = {
  /** How many households there are, and how many index entries start with each word: one trip. */
  counts(words: readonly string[]): Promise<{ households: number; entries: number[] }>;
  /** The first `count` rows in the index order of the words starting with `word`. */
  rows(word: string, count: number): Promise<StoredHousehold[]>;
};

/** Rows of the scanned word read at first per household wanted: at least this many (a household with two words it starts comes twice)… */
const LEAST_FIRST_READ = 2;
/** …and at most this many: names typed together are often one person's ("minh tuan"), so the other words' shares of the households undercount the matches. */
const MOST_FIRST_READ = 6;
/** Rows read beyond what the shares predict, so that one read is nearly always enough. */
const READ_MARGIN = 1.5;

/**
 * Households whose names, house number or phone start with every word of the query: the first
 * `limit` in the index order of the word fewest households have (the longest of those), by
 * address. The words are counted (in the database, no row read): "thi" or "van" start a word in
 * most households, the given name in few. That word's rows are then read in index order, as many
 * as the other words' shares of the households say hold `limit` matches, and more only if too
 * few of them match: reading every matching key first (thousands for "nguyen") cost a slow phone
 * more than the rows, most of it in the live query noting each key.
 */
export async function searchHouseholds(db: NgoSoDb, query: string, limit = 50): Promise<HouseholdRecord[]> {
  return db.transaction('r', db.households, db.people, async () => withPeople(db, await findHouseholds(db, query, limit)));
}

/** The households of searchHouseholds without their people, through Dexie: what a live query reads. */
export async function findHouseholds(db: NgoSoDb, query: string, limit: number): Promise<StoredHousehold[]> {
  return db.transaction('r', db.households, () => matching(dexieIndex(db), query, limit));
}

/** The first `limit` matches by address and the first `drawn` of them with their people and sync states. */
export type FirstPage = { matches: StoredHousehold[]; records: HouseholdRecord[]; sync: Map<string, HouseholdSync> };

/**
 * The page a tap on "Tìm" draws first, read in one IndexedDB transaction without Dexie: the same
 * matches as findHouseholds, with the people and outbox rows of the `drawn` first. Dexie's
 * promises and transaction bookkeeping cost a slow phone more than the reads themselves (7 ms
 * of reads took ~25 at 4× CPU); the live query that follows goes through Dexie and sees writes.
 */
export async function firstSearchPage(db: NgoSoDb, query: string, limit: number, drawn: number): Promise<FirstPage> {
  if (!db.isOpen()) await db.open();
  const tx = db.backendDB().transaction(['households', 'people', 'outbox'], 'readonly');
  const matches = await matching(idbIndex(tx), query, limit);
  const shown = matches.slice(0, drawn);
  const ids = shown.map((h) => h.id);
  const [people, outbox] = await Promise.all([
    Promise.all(ids.map((id) => request<StoredPerson[]>(tx.objectStore('people').index('householdId').getAll(id)))),
    Promise.all(ids.map((id) => request<OutboxRow[]>(tx.objectStore('outbox').index('householdId').getAll(id)))),
  ]);
  return {
    matches,
    records: shown.map((h, i) => ({ household: stripIndex(h), people: (people[i] ?? []).map(stripAuthor).sort(byName) })),
    sync: syncStates(ids, outbox.flat()),
  };
}

async function matching(index: WordIndex, query: string, limit: number): Promise<StoredHousehold[]> {
  const words = queryWords(query);
  // A word that starts another ("hoa" in "hoa hoang") has at least its households: never the one scanned.
  const candidates = [...new Set(words)].filter((w, _, all) => !all.some((v) => v !== w && v.startsWith(w)));
  const [only] = candidates;
  if (only === undefined || limit <= 0) return [];
  if (candidates.length === 1) return (await firstMatches(index, only, words, limit, limit * LEAST_FIRST_READ)).sort(byAddress);
  const { households, entries } = await index.counts(candidates);
  // A word nothing starts with (a typo) matches no household at all.
  if (entries.includes(0)) return [];
  let scanned = 0;
  candidates.forEach((w, i) => {
    const [n, best] = [entries[i] ?? 0, entries[scanned] ?? 0];
    if (n < best || (n === best && w.length > (candidates[scanned] ?? '').length)) scanned = i;
  });
  return (await firstMatches(index, candidates[scanned] ?? '', words, limit, firstRead(limit, households, entries, scanned))).sort(byAddress);
}

/**
 * How many of the scanned word's rows to read at first for `limit` matches: as many as the share
 * of them expected to match the other words says (as if words were independent), with a margin,
 * between LEAST_FIRST_READ and MOST_FIRST_READ per household wanted.
 */
export function firstRead(limit: number, households: number, entries: readonly number[], scanned: number): number {
  const share = entries.reduce((s, n, i) => (i === scanned ? s : s * Math.min(1, n / Math.max(households, 1))), 1);
  return Math.ceil(limit * Math.min(MOST_FIRST_READ, Math.max(LEAST_FIRST_READ, READ_MARGIN / share)));
}

/** How many rows to read again when `found` of the first `read` matched: as many as that share says hold `limit`, at least twice as many. */
export function nextRead(read: number, limit: number, found: number): number {
  return found === 0 ? read * 4 : Math.max(read * 2, Math.ceil((read * limit * READ_MARGIN) / found));
}

/**
 * The first `limit` households among `first`'s rows that match every word. When too few of the
 * first rows match, they are read again with as many more as the share that matched says hold
 * `limit` (a read cannot start in the middle of a word's rows).
 */
async function firstMatches(index: WordIndex, first: string, words: readonly string[], limit: number, firstCount: number): Promise<StoredHousehold[]> {
  for (let read = firstCount; ; ) {
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
    read = nextRead(read, limit, found.length);
  }
}

function dexieIndex(db: NgoSoDb): WordIndex {
  return {
    async counts(words) {
      const [households, ...entries] = await Promise.all([db.households.count(), ...words.map((w) => db.households.where('searchWords').startsWith(w).count())]);
      return { households, entries };
    },
    rows: (word, count) => db.households.where('searchWords').startsWith(word).limit(count).toArray(),
  };
}

/** The same reads in an IndexedDB transaction: each awaited in its success event, so the transaction stays open. */
function idbIndex(tx: IDBTransaction): WordIndex {
  const store = tx.objectStore('households');
  const index = store.index('searchWords');
  // Dexie's startsWith: every key from the word to the word followed by the last character.
  const starting = (w: string) => IDBKeyRange.bound(w, `${w}\uffff`);
  return {
    async counts(words) {
      const [households, ...entries] = await Promise.all([request(store.count()), ...words.map((w) => request(index.count(starting(w))))]);
      return { households, entries };
    },
    rows: (word, count) => request<StoredHousehold[]>(index.getAll(starting(word), count)),
  };
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}
