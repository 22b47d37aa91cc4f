// The households of one hamlet, each with what it still lacks, and a button to add one.
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { hrefOf, navigate } from '../router';
import { listHamletHouseholds } from '../../db/households';
import { HouseholdRow } from '../components/household-row';
import { householdSyncStatus } from '../../db/outbox-status';

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
  const syncStates = useLiveQuery(() => householdSyncStatus(db, (records ?? []).map((r) => r.household.id)), [db, records]).value;
  const year = new Date().getFullYear();

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
        <>
          <p class="row-meta">{T.count(records.length)}</p>
          <ul class="rows">
            {records.map((r) => (
              <li key={r.household.id}>
                <HouseholdRow record={r} year={year} sync={syncStates?.get(r.household.id)} />
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
