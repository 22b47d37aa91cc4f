// Search across the commune: names without diacritics, house numbers, phone numbers. The first
// page of matches only (one more is read, to know whether to offer the next): each match costs
// the phone a step through the index and its people, and a common family name matches thousands.
import { liveQuery } from 'dexie';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { hrefOf, navigate } from '../router';
import type { NgoSoDb } from '../../db/database';
import { withPeople, type HouseholdRecord } from '../../db/households';
import { householdSyncStatus, type HouseholdSync } from '../../db/outbox-status';
import { findHouseholds } from '../../db/search';
import { HouseholdRows } from '../components/household-row';
import { HOUSEHOLD_PAGE } from '../components/household-list';
import { TextField } from '../components/fields';

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

/** Rows drawn at first, what a phone's screen holds (three to four rows): the rest of the page follows a frame later. */
const FIRST_ROWS = 5;

/** A page of matches: how many were found (one more than the page, to know whether to offer the next), the rows read. */
type Found = { query: string; limit: number; matches: number; records: HouseholdRecord[]; sync: ReadonlyMap<string, HouseholdSync> | undefined };

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
    return { query, limit, matches: matches.length, records, sync };
  });
}

/**
 * The matches, kept up to date. A new query reads and draws the first rows at once (a live query
 * starts its first read a task later, after the browser has drawn a frame without them); the live
 * query follows once they are drawn, reads the whole page, and reads again only what changes.
 * "Xem thêm" keeps the rows drawn until the longer page is read.
 */
function useSearch(db: NgoSoDb, query: string, limit: number): Found | undefined {
  const [found, setFound] = useState<Found>();
  useLayoutEffect(() => {
    if (query === '') return;
    let closed = false;
    let live: { unsubscribe(): void } | undefined;
    const follow = () => {
      if (!closed) live = liveQuery(() => readPage(db, query, limit, limit)).subscribe({ next: setFound, error: () => undefined });
    };
    if (limit > HOUSEHOLD_PAGE) follow();
    else
      readPage(db, query, limit, FIRST_ROWS).then(
        (first) => {
          if (closed) return;
          setFound(first);
          requestAnimationFrame(() => setTimeout(follow, 0));
        },
        follow,
      );
    return () => {
      closed = true;
      live?.unsubscribe();
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
  // A tap searches at once; the address says so once the rows are drawn: changing it costs a
  // slow phone a frame's worth (the browser fetches and decodes the page's icon again).
  const [tapped, setTapped] = useState<{ on: string; query: string }>();
  const searched = tapped?.on === query ? tapped.query : query;
  const [typed, setTyped] = useState({ query: searched, text: searched });
  const [asked, setAsked] = useState({ query: searched, limit: HOUSEHOLD_PAGE });
  const text = typed.query === searched ? typed.text : searched;
  const found = useSearch(db, searched, asked.query === searched ? asked.limit : HOUSEHOLD_PAGE);
  const shown = found === undefined ? 0 : Math.min(found.matches, found.limit);
  const more = found !== undefined && found.matches > found.limit;
  useEffect(() => {
    if (searched !== query && (searched === '' || found !== undefined)) navigate({ screen: 'search', query: searched }, { replace: true });
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
          setTapped({ on: query, query: text });
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
