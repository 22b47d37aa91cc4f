// A hamlet's households, a page at a time. The hamlet's rows are read in one request and sorted
// by address; their people and sync states only for the rows shown. Reading the people of every
// household (a cursor step each, thousands in a big hamlet) is what made a hamlet of 3,000
// households take seconds to open on a slow phone (tests/bench/phone.ts measures it).
import { useMemo, useState } from 'preact/hooks';
import type { Household } from '../../domain/household';
import { byAddress } from '../../domain/vi-order';
import type { NgoSoDb } from '../../db/database';
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

/**
 * The rows of these households, in their order: each record with its people (one index read per
 * household, all at once, rather than a cursor step per person) and its sync state, read
 * together so that the rows show once, badges included.
 */
async function pageRows(db: NgoSoDb, households: readonly Household[]) {
  return db.transaction('r', db.households, db.people, db.outbox, async () => {
    const [records, sync] = await Promise.all([
      Promise.all(households.map((h) => getHousehold(db, h.id))),
      householdSyncStatus(db, households.map((h) => h.id)),
    ]);
    return { records: records.filter((r): r is HouseholdRecord => r !== undefined), sync };
  });
}

export function HamletHouseholdList({ hamletCode, empty }: { hamletCode: string; empty: string }) {
  const { db } = useApp();
  const [shown, setShown] = useState(HOUSEHOLD_PAGE);
  const households = useLiveQuery(async () => (await db.households.where('hamletCode').equals(hamletCode).toArray()).sort(byAddress), [db, hamletCode]).value;
  const page = useMemo(() => households?.slice(0, shown) ?? [], [households, shown]);
  const key = page.map((h) => h.id).join(' ');
  const rows = useLiveQuery(() => pageRows(db, page), [db, key]).value;
  const year = new Date().getFullYear();

  if (households === undefined) return <p>{T.loading}</p>;
  if (households.length === 0) return <p class="empty">{empty}</p>;
  return (
    <>
      <p class="row-meta">{T.count(households.length)}</p>
      <ul class="rows">
        {(rows?.records ?? []).map((r) => (
          <li key={r.household.id}>
            <HouseholdRow record={r} year={year} sync={rows?.sync.get(r.household.id)} />
          </li>
        ))}
      </ul>
      {rows !== undefined && households.length > shown ? (
        <button type="button" class="big secondary" onClick={() => setShown((n) => n + HOUSEHOLD_PAGE)}>
          {T.more(Math.min(HOUSEHOLD_PAGE, households.length - shown))}
        </button>
      ) : null}
    </>
  );
}
