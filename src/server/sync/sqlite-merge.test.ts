// Two phones edit the same person offline; whichever reaches the server first, the record is
// the same (A then B equals B then A). The server's clock is an input: NOW.
import { describe, expect, it } from 'vitest';
import type { Mutation, SyncedRecord } from '../../domain/sync-protocol';
import { openSqliteStore } from './sqlite-store';
import type { Caller } from './store';
import { LAN, MINH, MINUTE, NOW, T0, WHOLE_COMMUNE, createHousehold, createPerson, editPerson } from './test-mutations';

const YEAR = 365 * 24 * 3600_000;
const FUTURE: Caller = { ...LAN, deviceId: 'phone-future', userId: 'Chú Tư' };

type Edit = { by: Caller; m: Mutation };
const lan = (fields: Record<string, unknown>, ms: number, over: Partial<Mutation> = {}): Edit => ({ by: LAN, m: editPerson('m-a', 'p1', fields, ms, 'phone-lan', over) });
const minh = (fields: Record<string, unknown>, ms: number, over: Partial<Mutation> = {}): Edit => ({ by: MINH, m: editPerson('m-b', 'p1', fields, ms, 'phone-minh', over) });
const future = (fields: Record<string, unknown>, ms: number): Edit => ({ by: FUTURE, m: editPerson('m-f', 'p1', fields, ms, 'phone-future') });

/** The person after the base record and then the edits, one push each, in this order. */
async function personAfter(edits: readonly Edit[]): Promise<SyncedRecord | undefined> {
  const store = openSqliteStore(':memory:');
  try {
    await store.push(LAN, [createHousehold(), createPerson('m-p1', 'p1')], NOW);
    for (const { by, m } of edits) expect(await store.push(by, [m], NOW)).toEqual([{ id: m.id, status: 'applied' }]);
    return (await store.pull(WHOLE_COMMUNE, 0, 10)).records.find((r) => r.id === 'p1');
  } finally {
    await store.close();
  }
}

describe('merge on the server, in both arrival orders', () => {
  it.each<[string, Edit, Edit, Record<string, unknown>]>([
    ['plain field: the later edit wins', lan({ name: 'Trần Thị Bình An' }, T0 + 2 * MINUTE), minh({ name: 'Trần Thị Bính' }, T0 + 3 * MINUTE), { name: 'Trần Thị Bính', updatedBy: 'Anh Minh' }],
    ['different fields: both kept', lan({ phone: 'smartphone' }, T0 + 2 * MINUTE), minh({ residence: 'away' }, T0 + 3 * MINUTE), { phone: 'smartphone', residence: 'away' }],
    ['forward-only: a stale phone cannot undo VNeID progress', lan({ vneid: 'l2_active' }, T0 + 2 * MINUTE), minh({ vneid: 'l1_submitted' }, T0 + 3 * MINUTE), { vneid: 'l2_active', updatedBy: 'Chị Lan' }],
    ['forward-only: an account, once opened, stays opened', lan({ payment: 'bank' }, T0 + 2 * MINUTE), minh({ payment: 'none' }, T0 + 3 * MINUTE), { payment: 'bank' }],
    ['correction: moves VNeID back', lan({ vneid: 'l2_active' }, T0 + 2 * MINUTE), minh({ vneid: 'l1_active' }, T0 + 3 * MINUTE, { correction: true }), { vneid: 'l1_active', updatedBy: 'Anh Minh' }],
    ['correction: an older correction does not undo later progress', lan({ vneid: 'none' }, T0 + 2 * MINUTE, { correction: true }), minh({ vneid: 'l1_active' }, T0 + 3 * MINUTE), { vneid: 'l1_active' }],
    ['skills: trainings are united, in the fixed order', lan({ skills: ['safety'] }, T0 + 2 * MINUTE), minh({ skills: ['payment'] }, T0 + 3 * MINUTE), { skills: ['payment', 'safety'] }],
    ['clock: a phone set 3 years ahead is brought back to the server\'s time', future({ residence: 'moved' }, NOW + 3 * YEAR), minh({ residence: 'away' }, NOW + MINUTE), { residence: 'away', updatedBy: 'Anh Minh' }],
    ['clock: a phone set 3 years ahead still beats an edit made before it arrived', future({ residence: 'moved' }, NOW + 3 * YEAR), minh({ residence: 'away' }, NOW - MINUTE), { residence: 'moved', updatedBy: 'Chú Tư' }],
  ])('%s', async (_case, a, b, expected) => {
    const ab = await personAfter([a, b]);
    const ba = await personAfter([b, a]);
    expect(ab).toEqual(ba);
    expect(ab).toMatchObject({ deleted: false });
    expect(ab?.deleted === false ? { ...ab.record, updatedBy: ab.updatedBy } : undefined).toMatchObject(expected);
  });

  it('keeps the order of several edits from a phone set years ahead, sent in one push', async () => {
    const store = openSqliteStore(':memory:');
    await store.push(LAN, [createHousehold(), createPerson('m-p1', 'p1')], NOW);
    // Ids that sort against the edits' order: only the stamps can keep the order right.
    const first = editPerson('m-f2', 'p1', { residence: 'away' }, NOW + 3 * YEAR, 'phone-future');
    const second = editPerson('m-f1', 'p1', { residence: 'moved' }, NOW + 3 * YEAR + 1000, 'phone-future');
    await store.push(FUTURE, [first, second], NOW);
    const [person] = (await store.pull(WHOLE_COMMUNE, 0, 10)).records.filter((r) => r.id === 'p1');
    expect(person).toMatchObject({ record: { residence: 'moved' } });
    await store.close();
  });
});
