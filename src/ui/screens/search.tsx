// Search across the commune: names without diacritics, house numbers, phone numbers. The first
// page of matches only (one more is read, to know whether to offer the next): each match costs
// the phone a step through the index and its people, and a common family name matches thousands.
import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { hrefOf, navigate } from '../router';
import type { NgoSoDb } from '../../db/database';
import type { HouseholdRecord } from '../../db/households';
import { searchHouseholds } from '../../db/search';
import { HouseholdList } from '../components/household-row';
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

/**
 * The matches, kept up to date. The first read starts at once (a live query starts its first
 * read a task later, after the browser has drawn a frame of the screen without them); the live
 * query follows once that answer is drawn, and reads again only what changes.
 */
function useSearch(db: NgoSoDb, query: string, limit: number): HouseholdRecord[] | undefined {
  const [found, setFound] = useState<HouseholdRecord[]>();
  useLayoutEffect(() => {
    if (query === '') return;
    let closed = false;
    let live: { unsubscribe(): void } | undefined;
    const follow = () => {
      if (!closed) live = liveQuery(() => searchHouseholds(db, query, limit)).subscribe({ next: setFound, error: () => undefined });
    };
    searchHouseholds(db, query, limit).then(
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
  return found;
}

export function SearchScreen({ query }: { query: string }) {
  const { db } = useApp();
  const [text, setText] = useState(query);
  const [limit, setLimit] = useState(HOUSEHOLD_PAGE);
  const found = useSearch(db, query, limit + 1);
  const results = found?.slice(0, limit);
  const more = found !== undefined && found.length > limit;

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
          navigate({ screen: 'search', query: text }, { replace: true });
        }}
      >
        <TextField label={T.label} type="search" inputMode="search" value={text} onInput={setText} hint={T.hint} />
        <button type="submit" class="primary">
          {T.button}
        </button>
      </form>
      {query && results ? (
        results.length === 0 ? (
          <p class="empty">{T.none(query)}</p>
        ) : (
          <>
            <HouseholdList records={results} countLabel={more ? T.foundMore(results.length) : T.found(results.length)} />
            {more ? (
              <button type="button" class="big secondary" onClick={() => setLimit((n) => n + HOUSEHOLD_PAGE)}>
                {T.more}
              </button>
            ) : null}
          </>
        )
      ) : null}
    </main>
  );
}
