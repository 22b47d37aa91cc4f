// The households of one hamlet, each with what it still lacks, and a button to add one.
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { hrefOf, navigate } from '../router';
import { listHamletHouseholds } from '../../db/households';
import { HouseholdList } from '../components/household-row';

const T = {
  back: '← Các thôn',
  add: '+ Thêm hộ mới',
  empty: 'Thôn này chưa có hộ nào. Bấm "Thêm hộ mới" để bắt đầu.',
  count: (n: number) => `${n} hộ`,
  loading: 'Đang tải…',
};

export function HamletScreen({ hamletCode }: { hamletCode: string }) {
  const { db } = useApp();
  const hamlet = useLiveQuery(() => db.areas.get(hamletCode), [db, hamletCode]).value;
  const records = useLiveQuery(() => listHamletHouseholds(db, hamletCode), [db, hamletCode]).value;

  return (
    <main class="screen">
      <a class="back" href={hrefOf({ screen: 'home' })}>
        {T.back}
      </a>
      <h1>{hamlet?.name ?? hamletCode}</h1>
      <button
        type="button"
        class="primary big"
        onClick={() => navigate({ screen: 'household', householdId: crypto.randomUUID(), hamletCode })}
      >
        {T.add}
      </button>
      {records === undefined ? (
        <p>{T.loading}</p>
      ) : records.length === 0 ? (
        <p class="empty">{T.empty}</p>
      ) : (
        <HouseholdList records={records} countLabel={T.count(records.length)} />
      )}
    </main>
  );
}
