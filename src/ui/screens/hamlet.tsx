// The households of one hamlet, each with what it still lacks, and a button to add one.
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { hrefOf, navigate } from '../router';
import { HamletHouseholdList } from '../components/household-list';

const T = {
  back: '← Các thôn',
  add: '+ Thêm hộ mới',
  empty: 'Thôn này chưa có hộ nào. Bấm "Thêm hộ mới" để bắt đầu.',
};

export function HamletScreen({ hamletCode }: { hamletCode: string }) {
  const { db } = useApp();
  const hamlet = useLiveQuery(() => db.areas.get(hamletCode), [db, hamletCode]).value;

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
      <HamletHouseholdList key={hamletCode} hamletCode={hamletCode} empty={T.empty} />
    </main>
  );
}
