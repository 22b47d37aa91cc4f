// A hamlet's households, a page at a time. The hamlet's rows are read in one request and sorted
// by address; their people and sync states only for the rows shown. Reading the people of every
// household (a cursor step each, thousands in a big hamlet) is what made a hamlet of 3,000
// households take seconds to open on a slow phone (docs/benchmarks.md).
import { useMemo, useState } from 'preact/hooks';
import type { Household } from '../../domain/household';
import { getHousehold, type HouseholdRecord } from '../../db/households';
import { householdSyncStatus } from '../../db/outbox-status';
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { HouseholdRow } from './household-row';

const T = {
  count: (n: number) => `${n} hộ`,
  more: (n: number) => `Xem thêm ${n} hộ`,
  loading: 'Đang tải…',
};

/** Rows shown at first and added by each "Xem thêm": a few screens of a phone. */
export const HOUSEHOLD_PAGE = 20;

// The order of listHamletHouseholds (house number as a number, then the head's name), with
// collators made once: localeCompare with a locale builds one at every comparison.
const houseNumbers = new Intl.Collator('vi', { numeric: true });
const names = new Intl.Collator('vi');
function byAddress(a: Household, b: Household): number {
  return houseNumbers.compare(a.houseNumber, b.houseNumber) || names.compare(a.headName, b.headName);
}

/** The records of these households, people included, in their order. */
async function withPeople(db: ReturnType<typeof useApp>['db'], households: readonly Household[]): Promise<HouseholdRecord[]> {
  const records = await db.transaction('r', db.households, db.people, () => Promise.all(households.map((h) => getHousehold(db, h.id))));
  return records.filter((r): r is HouseholdRecord => r !== undefined);
}

export function HamletHouseholdList({ hamletCode, empty }: { hamletCode: string; empty: string }) {
  const { db } = useApp();
  const [shown, setShown] = useState(HOUSEHOLD_PAGE);
  const households = useLiveQuery(async () => (await db.households.where('hamletCode').equals(hamletCode).toArray()).sort(byAddress), [db, hamletCode]).value;
  const page = useMemo(() => households?.slice(0, shown) ?? [], [households, shown]);
  const key = page.map((h) => `${h.id}@${h.updatedAt}`).join(' ');
  const records = useLiveQuery(() => withPeople(db, page), [db, key]).value;
  const syncStates = useLiveQuery(() => householdSyncStatus(db, page.map((h) => h.id)), [db, key]).value;
  const year = new Date().getFullYear();

  if (households === undefined) return <p>{T.loading}</p>;
  if (households.length === 0) return <p class="empty">{empty}</p>;
  return (
    <>
      <p class="row-meta">{T.count(households.length)}</p>
      <ul class="rows">
        {(records ?? []).map((r) => (
          <li key={r.household.id}>
            <HouseholdRow record={r} year={year} sync={syncStates?.get(r.household.id)} />
          </li>
        ))}
      </ul>
      {records !== undefined && households.length > shown ? (
        <button type="button" class="big secondary" onClick={() => setShown((n) => n + HOUSEHOLD_PAGE)}>
          {T.more(Math.min(HOUSEHOLD_PAGE, households.length - shown))}
        </button>
      ) : null}
    </>
  );
}
