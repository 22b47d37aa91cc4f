// One household in a list: who, where, and a badge for what it still lacks.
import { householdGaps } from '../../domain/coverage';
import type { HouseholdRecord } from '../../db/households';
import { hrefOf } from '../router';
import { householdSyncStatus, type HouseholdSync } from '../../db/outbox-status';
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';

const T = {
  members: (n: number) => `${n} người đang ở`,
  noHouseNumber: 'Chưa có số nhà',
  complete: 'Đã đủ các chỉ tiêu',
  lacking: 'Còn thiếu:',
  more: (n: number) => `+${n} mục khác`,
  local: 'Chỉ lưu trên máy, chưa gửi',
  confirmed: 'Máy chủ đã xác nhận',
  rejected: (reason: string) => `Máy chủ từ chối: ${reason}`,
};

export function SyncBadge({ sync }: { sync: HouseholdSync | undefined }) {
  if (sync === undefined) return null;
  if (sync.state === 'rejected') return <span class="badge rejected">{T.rejected(sync.reasons[0] ?? '')}</span>;
  return <span class={`badge ${sync.state}`}>{sync.state === 'local' ? T.local : T.confirmed}</span>;
}

const BADGE_ITEMS = 3;

export function HouseholdRow({ record, year, sync }: { record: HouseholdRecord; year: number; sync: HouseholdSync | undefined }) {
  const { household, people } = record;
  const gaps = householdGaps(household, people, year);
  const living = people.filter((p) => p.residence === 'here').length;
  const address = [household.houseNumber, household.street].filter(Boolean).join(', ') || T.noHouseNumber;
  return (
    <a class="row household-row" href={hrefOf({ screen: 'household', householdId: household.id, hamletCode: household.hamletCode })}>
      <span class="row-title">{household.headName}</span>
      <span class="row-meta">
        {address} · {T.members(living)}
      </span>
      <SyncBadge sync={sync} />
      {gaps.length === 0 ? (
        <span class="badge ok">{T.complete}</span>
      ) : (
        <span class="badge lacking">
          {T.lacking}{' '}
          {gaps
            .slice(0, BADGE_ITEMS)
            .map((g) => (g.indicator.population.kind === 'household' ? g.indicator.lacking : `${g.indicator.lacking} (${g.count})`))
            .join(' · ')}
          {gaps.length > BADGE_ITEMS ? ` · ${T.more(gaps.length - BADGE_ITEMS)}` : ''}
        </span>
      )}
    </a>
  );
}

/** Households as a list, each with what it lacks and whether the server has it yet. */
export function HouseholdList({ records, countLabel }: { records: readonly HouseholdRecord[]; countLabel: string }) {
  const { db } = useApp();
  const syncStates = useLiveQuery(() => householdSyncStatus(db, records.map((r) => r.household.id)), [db, records]).value;
  return <HouseholdRows records={records} countLabel={countLabel} sync={syncStates} />;
}

/** The list's rows, with sync states read by the caller (none yet: rows without that badge). */
export function HouseholdRows({ records, countLabel, sync }: { records: readonly HouseholdRecord[]; countLabel: string; sync: ReadonlyMap<string, HouseholdSync> | undefined }) {
  const year = new Date().getFullYear();
  return (
    <>
      <p class="row-meta">{countLabel}</p>
      <ul class="rows">
        {records.map((r) => (
          <li key={r.household.id}>
            <HouseholdRow record={r} year={year} sync={sync?.get(r.household.id)} />
          </li>
        ))}
      </ul>
    </>
  );
}
