// The commune's hamlets with how many households each has, a search box, and any forms
// left unsaved when the app was last closed.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { hrefOf, navigate } from '../router';
import { childrenOf } from '../../domain/area-tree';
import { listAreas } from '../../db/areas';
import { listDrafts, type HouseholdDraft } from '../../db/drafts';
import { TextField } from '../components/fields';
import { SyncStatus } from '../components/sync-status';
import { accountHamletFilter } from '../session-flow';
import { leadHref } from '../lead-links';

const T = {
  hamlets: 'Thôn / tổ dân phố',
  households: (n: number) => `${n} hộ`,
  search: 'Tìm hộ theo tên, số nhà, số điện thoại',
  searchButton: 'Tìm',
  overview: 'Tổng quan chỉ tiêu của xã',
  settings: 'Cài đặt và bộ nhớ',
  drafts: 'Biểu mẫu chưa lưu',
  continueDraft: (name: string) => `Tiếp tục: ${name || 'hộ mới'}`,
  demo: 'DỮ LIỆU MẪU — chỉ để dùng thử',
  loading: 'Đang tải…',
  noAreas: 'Chưa có danh sách thôn trên máy này. Hãy kết nối mạng rồi bấm "Đồng bộ ngay".',
  who: (name: string) => `Đang dùng: ${name}`,
  dashboard: 'Bảng chỉ tiêu theo thôn',
  followUp: 'Ai cần thăm tiếp',
  map: 'Bản đồ các hộ',
  report: 'Báo cáo quý',
  targets: 'Chỉ tiêu theo kế hoạch của xã',
  import: 'Nhập danh sách hộ của xã',
  communeAdmin: 'Quản lý xã',
};

export function HomeScreen() {
  const { db, account } = useApp();
  const communeCode = account.communeCode ?? '';
  const [query, setQuery] = useState('');
  const [drafts, setDrafts] = useState<HouseholdDraft[]>([]);
  const areas = useLiveQuery(() => listAreas(db), [db]).value;
  const commune = areas?.find((a) => a.code === communeCode);
  const hamlets = areas ? childrenOf(areas, communeCode).filter((h) => accountHamletFilter(account)(h.code)) : [];
  const hamletCodes = hamlets.map((h) => h.code);
  // One count request per hamlet: walking every household with a cursor took seconds on a slow phone.
  const counts = useLiveQuery(
    async () => new Map(await Promise.all(hamletCodes.map(async (code) => [code, await db.households.where('hamletCode').equals(code).count()] as const))),
    [db, hamletCodes.join(' ')],
  ).value;

  useEffect(() => {
    void listDrafts(account.userId).then(setDrafts);
  }, [account.userId]);

  return (
    <main class="screen">
      <h1>{commune?.name ?? T.loading}</h1>
      <p class="row-meta">{T.who(account.displayName)}</p>
      {commune?.demo ? <p class="demo-banner">{T.demo}</p> : null}
      {areas !== undefined && commune === undefined ? <p class="notice">{T.noAreas}</p> : null}
      <SyncStatus />
      <form
        class="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate({ screen: 'search', query });
        }}
      >
        <TextField label={T.search} type="search" inputMode="search" value={query} onInput={setQuery} />
        <button type="submit" class="primary">
          {T.searchButton}
        </button>
      </form>
      {drafts.length > 0 ? (
        <section>
          <h2>{T.drafts}</h2>
          <ul class="rows">
            {drafts.map((d) => (
              <li key={d.household.id}>
                <a class="row" href={hrefOf({ screen: 'household', householdId: d.household.id, hamletCode: d.household.hamletCode })}>
                  {T.continueDraft(d.household.headName)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2>{T.hamlets}</h2>
        <ul class="rows">
          {hamlets.map((h) => (
            <li key={h.code}>
              <a class="row" href={hrefOf({ screen: 'hamlet', hamletCode: h.code })}>
                <span class="row-title">{h.name}</span>
                <span class="row-meta">{T.households(counts?.get(h.code) ?? 0)}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <nav class="links">
        <a class="button" href={leadHref.dashboard()}>
          {T.dashboard}
        </a>
        <a class="button" href={leadHref.followUp()}>
          {T.followUp}
        </a>
        <a class="button" href={hrefOf({ screen: 'map', indicatorId: undefined })}>
          {T.map}
        </a>
        {account.role === 'lead' ? (
          <>
            <a class="button" href={leadHref.report()}>
              {T.report}
            </a>
            <a class="button" href={leadHref.targets()}>
              {T.targets}
            </a>
            <a class="button" href={hrefOf({ screen: 'import' })}>
              {T.import}
            </a>
            <a class="button" href={hrefOf({ screen: 'commune-admin' })}>
              {T.communeAdmin}
            </a>
          </>
        ) : null}
        <a class="button" href={hrefOf({ screen: 'overview' })}>
          {T.overview}
        </a>
        <a class="button" href={hrefOf({ screen: 'settings' })}>
          {T.settings}
        </a>
      </nav>
    </main>
  );
}
