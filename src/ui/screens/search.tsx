// Search across the commune: names without diacritics, house numbers, phone numbers. The first
// page of matches only (one more is read, to know whether to offer the next): each match costs
// the phone a step through the index and its people, and a common family name matches thousands.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { onTablesChanged } from '../../db/table-changes';
import { whenIdle } from '../when-idle';
import { hrefOf, navigate, parseRoute } from '../router';
import type { NgoSoDb, StoredHousehold } from '../../db/database';
import { withPeople, type HouseholdRecord } from '../../db/households';
import { householdSyncStatus, type HouseholdSync } from '../../db/outbox-status';
import { findHouseholds, firstSearchRows } from '../../db/search';
import { HouseholdRows } from '../components/household-row';
import { HOUSEHOLD_PAGE } from '../components/household-list';
import { TextField } from '../components/fields';
import { addressMayFollow, searchedQuery, seenAddress, tapped, type SearchInput } from './search-input';

const T = {
  back: '← Trang chính',
  title: 'Tìm hộ',
  label: 'Tên, số nhà hoặc số điện thoại',
  hint: 'Gõ không dấu cũng được, ví dụ "nguyen van a".',
  button: 'Tìm',
  none: (q: string) => `Không tìm thấy hộ nào khớp với "${q}".`,
  found: (n: number) => `Tìm thấy ${n} hộ`,
  foundMore: (n: number) => `${n} hộ đầu tiên khớp; gõ thêm để thu hẹp, hoặc xem thêm bên dưới`,
  more: 'Xem thêm',
};

/** Rows drawn at first, what a phone's screen holds (three to four rows): the rest of the page follows when the phone is idle. */
const FIRST_ROWS = 5;

/** A page of matches: how many were found (one more than the page, to know whether to offer the next), the rows read. */
type Found = {
  query: string;
  limit: number;
  matches: number;
  page: readonly StoredHousehold[];
  records: HouseholdRecord[];
  sync: ReadonlyMap<string, HouseholdSync> | undefined;
};

/** The matches and the people of the first `rows` of them; the sync states only with the whole page. */
function readPage(db: NgoSoDb, query: string, limit: number, rows: number): Promise<Found> {
  return db.transaction('r', db.households, db.people, db.outbox, async () => {
    const matches = await findHouseholds(db, query, limit + 1);
    const page = matches.slice(0, limit);
    const drawn = page.slice(0, rows);
    const [records, sync] = await Promise.all([
      withPeople(db, drawn),
      drawn.length === page.length ? householdSyncStatus(db, drawn.map((h) => h.id)) : undefined,
    ]);
    return { query, limit, matches: matches.length, page, records, sync };
  });
}

/** The same page's first `rows` rows, read without Dexie (db/search.ts says why). */
async function readFirstRows(db: NgoSoDb, query: string, limit: number, rows: number): Promise<Found> {
  const { matches, records } = await firstSearchRows(db, query, limit + 1, rows);
  return { query, limit, matches: matches.length, page: matches.slice(0, limit), records, sync: undefined };
}

/** A first read begun by the tap on "Tìm", before the screen is drawn again for the new query. */
type EarlyRead = { query: string; page: Promise<Found> };

/** The rest of a page read with its first rows: the people of the others, the sync states of all (the search is not run again). */
function readRest(db: NgoSoDb, first: Found): Promise<Found> {
  return db.transaction('r', db.people, db.outbox, async () => {
    const [rest, sync] = await Promise.all([withPeople(db, first.page.slice(first.records.length)), householdSyncStatus(db, first.page.map((h) => h.id))]);
    return { ...first, records: [...first.records, ...rest], sync };
  });
}

/**
 * The matches, kept up to date. A new query reads and draws the first rows at once; the rest of
 * the page (people, sync states) is read when the phone is idle after that paint. A write to the
 * households, people or outbox reads the whole page again, one read at a time. Not a live query:
 * its first read would run the search again, ~100 ms of a slow phone's time after each search,
 * in the way of the next tap. "Xem thêm" keeps the rows drawn until the longer page is read.
 */
function useSearch(db: NgoSoDb, query: string, limit: number, early: { current: EarlyRead | undefined }): Found | undefined {
  const [found, setFound] = useState<Found>();
  useLayoutEffect(() => {
    if (query === '') return;
    let closed = false;
    let reading = false;
    let stale = false;
    let cancelRest = () => {};
    // One read at a time; a write during it reads the whole page again after it, as does a
    // first read that failed (a failed whole read waits for the next write).
    const read = (work: () => Promise<Found>, then?: (page: Found) => void) => {
      if (reading) {
        stale = true;
        return;
      }
      reading = true;
      const after = (page: Found | undefined) => {
        reading = false;
        if (closed) return;
        if (page !== undefined) setFound(page);
        if (stale || (page === undefined && work !== readWhole)) {
          stale = false;
          whole();
        } else if (page !== undefined) then?.(page);
      };
      work().then(after, () => after(undefined));
    };
    const readWhole = () => readPage(db, query, limit, limit);
    // The whole page read supersedes the rest of an older one not begun yet.
    const whole = () => {
      cancelRest();
      read(readWhole);
    };
    // Listening begins before the first read: a write committed during it is not missed.
    const stop = onTablesChanged(db, ['households', 'people', 'outbox'], whole);
    if (limit > HOUSEHOLD_PAGE) whole();
    else {
      const begun = early.current?.query === query ? early.current.page : undefined;
      early.current = undefined;
      read(() => begun ?? readFirstRows(db, query, limit, FIRST_ROWS), (first) => (cancelRest = whenIdle(() => read(() => readRest(db, first)))));
    }
    return () => {
      closed = true;
      stop();
      cancelRest();
    };
  }, [db, query, limit]);
  return found?.query === query ? found : undefined;
}

/**
 * Stays mounted as the query changes (drawn anew, the screen cost a slow phone a frame before
 * the search began): what was typed and how many were asked for follow the query searched.
 */
export function SearchScreen({ query }: { query: string }) {
  const { db } = useApp();
  // A tap searches at once; the address says so when the phone is idle after the rows are drawn:
  // changing it costs a slow phone ~5-20 ms (the browser's same-document navigation).
  const input = useRef<SearchInput>({ address: query, tapped: undefined });
  input.current = seenAddress(input.current, query);
  const [, setTaps] = useState(0);
  const early = useRef<EarlyRead>();
  const searched = searchedQuery(input.current);
  const [typed, setTyped] = useState({ query: searched, text: searched });
  const [asked, setAsked] = useState({ query: searched, limit: HOUSEHOLD_PAGE });
  const text = typed.query === searched ? typed.text : searched;
  const found = useSearch(db, searched, asked.query === searched ? asked.limit : HOUSEHOLD_PAGE, early);
  const shown = found === undefined ? 0 : Math.min(found.matches, found.limit);
  const more = found !== undefined && found.matches > found.limit;
  useEffect(() => {
    if (searched === query || (searched !== '' && found === undefined)) return;
    return whenIdle(() => {
      const now = parseRoute(window.location.hash);
      if (addressMayFollow(input.current, now.screen === 'search' ? now.query : undefined)) navigate({ screen: 'search', query: searched }, { replace: true });
    });
  }, [searched, query, found]);

  return (
    <main class="screen search">
      <a class="back" href={hrefOf({ screen: 'home' })}>
        {T.back}
      </a>
      <h1>{T.title}</h1>
      <form
        class="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          // The field stays: typed into, a phone's keyboard would stay up over the results.
          if (document.activeElement instanceof HTMLInputElement) document.activeElement.blur();
          // The read begins before the screen is drawn again: the database works meanwhile.
          if (text !== searched && text !== '') {
            const page = readFirstRows(db, text, HOUSEHOLD_PAGE, FIRST_ROWS);
            page.catch(() => undefined); // a failed read is read again through Dexie (useSearch)
            early.current = { query: text, page };
          }
          input.current = tapped(input.current, text);
          setTaps((n) => n + 1);
        }}
      >
        <TextField label={T.label} type="search" inputMode="search" value={text} onInput={(t) => setTyped({ query: searched, text: t })} hint={T.hint} />
        <button type="submit" class="primary">
          {T.button}
        </button>
      </form>
      {searched && found ? (
        shown === 0 ? (
          <p class="empty">{T.none(searched)}</p>
        ) : (
          <>
            <HouseholdRows records={found.records} countLabel={more ? T.foundMore(shown) : T.found(shown)} sync={found.sync} />
            {more && found.records.length === shown ? (
              <button type="button" class="big secondary" onClick={() => setAsked({ query: searched, limit: found.limit + HOUSEHOLD_PAGE })}>
                {T.more}
              </button>
            ) : null}
          </>
        )
      ) : null}
    </main>
  );
}
