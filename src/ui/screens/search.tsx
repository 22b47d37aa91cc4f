// Search across the commune: names without diacritics, house numbers, phone numbers.
import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { hrefOf, navigate } from '../router';
import { searchHouseholds } from '../../db/households';
import { HouseholdList } from '../components/household-row';
import { TextField } from '../components/fields';

const T = {
  back: '← Trang chính',
  title: 'Tìm hộ',
  label: 'Tên, số nhà hoặc số điện thoại',
  hint: 'Gõ không dấu cũng được, ví dụ "nguyen van a".',
  button: 'Tìm',
  none: (q: string) => `Không tìm thấy hộ nào khớp với "${q}".`,
  found: (n: number) => `Tìm thấy ${n} hộ`,
};

export function SearchScreen({ query }: { query: string }) {
  const { db } = useApp();
  const [text, setText] = useState(query);
  const results = useLiveQuery(() => searchHouseholds(db, query), [db, query]).value;

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
          <HouseholdList records={results} countLabel={T.found(results.length)} />
        )
      ) : null}
    </main>
  );
}
