// Version 3's upgrade: records made before sync existed have never left the phone, so each
// household, person and visit goes into the new outbox as a full upsert, oldest first.
import type { Transaction } from 'dexie';
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import type { Visit } from '../domain/visit';
import type { OutboxRow, SyncState } from './database';
import { completeDrafts, householdDrafts, idFromStamp, personDrafts, visitDraft, type MutationDraft } from './mutations';
import { outboxRow } from './outbox';
import { loadOrCreateSyncState } from './sync-state';
import { formatStamp, nextStamp, type Stamp } from '../domain/clock';

type Dated = { draft: MutationDraft; at: string };

const timeOf = (iso: string, fallbackMs: number) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallbackMs : ms;
};

export async function enqueueExistingRecords(tx: Transaction, nowMs: number): Promise<void> {
  const households = await tx.table<Household, string>('households').toArray();
  const byId = new Map(households.map((h) => [h.id, h]));
  const people = await tx.table<Person, string>('people').toArray();
  const visits = await tx.table<Visit, string>('visits').toArray();

  // A person or visit whose household is missing has no scope the server could check; the
  // store never makes one (a save writes them together), so there is nothing to strand.
  const dated: Dated[] = [
    ...households.flatMap((h) => householdDrafts(undefined, h).map((draft) => ({ draft, at: h.updatedAt }))),
    ...people.flatMap((p) => {
      const h = byId.get(p.householdId);
      return h === undefined ? [] : personDrafts(undefined, p, h).map((draft) => ({ draft, at: p.updatedAt }));
    }),
    ...visits.flatMap((v) => {
      const h = byId.get(v.householdId);
      return h === undefined ? [] : [{ draft: visitDraft(v, h), at: v.visitedAt }];
    }),
  ];
  // Oldest first; a household before its people and visits when made at the same time.
  dated.sort((a, b) => timeOf(a.at, nowMs) - timeOf(b.at, nowMs));

  const syncState = tx.table<SyncState, string>('syncState');
  const state = await loadOrCreateSyncState(syncState);
  let last: Stamp | undefined;
  const mutations = dated.map(({ draft, at }) => {
    last = nextStamp(last, Math.max(0, timeOf(at, nowMs)), state.deviceId);
    const madeAt = at.length <= 40 ? at : new Date(nowMs).toISOString();
    return completeDrafts([draft], [formatStamp(last)], madeAt, idFromStamp);
  });
  if (last !== undefined) await syncState.put({ ...state, lastStamp: formatStamp(last) });
  await tx.table<OutboxRow, string>('outbox').bulkAdd(mutations.flat().map(outboxRow));
}
