import { describe, expect, it } from 'vitest';
import { mergeField, type FieldWrite, type MergedEntity } from './merge';
import { formatStamp } from './clock';

const at = (ms: number, device = 'A', counter = 0) => formatStamp({ ms, counter, device });
const w = (value: unknown, stamp: string, correction = false, userId = 'u'): FieldWrite => ({ value, stamp, correction, userId, mutationId: stamp });

/** Every order of the writes gives the same winner. */
function mergedInEveryOrder(entity: MergedEntity, field: string, writes: FieldWrite[]): unknown {
  const results = permutations(writes).map((order) => mergeField(entity, field, order)?.value);
  for (const r of results) expect(r).toEqual(results[0]);
  return results[0];
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const DAY = 86_400_000;
/** Cases name household fields as "household.x" where a person has a field of the same name. */
const HOUSEHOLD_FIELDS = new Set(['fiber', 'household.phone', 'expectedMembers']);
const NOV_2026 = Date.UTC(2026, 10, 24);

describe('mergeField, the same in both directions', () => {
  it.each([
    // field, writes, result
    ['name: the latest edit wins', 'name', [w('Nguyễn Văn A', at(1)), w('Nguyễn Văn Á', at(2, 'B'))], 'Nguyễn Văn Á'],
    ['residence: the latest edit wins, even backwards', 'residence', [w('moved', at(1)), w('here', at(2, 'B'))], 'here'],
    ['equal times: the device id breaks the tie', 'name', [w('from A', at(5, 'A')), w('from B', at(5, 'B'))], 'from B'],
    ['same device, same ms: the counter orders', 'name', [w('first', at(5, 'A', 0)), w('second', at(5, 'A', 1))], 'second'],
    ['vneid: a stale phone cannot undo level 2', 'vneid', [w('l2_active', at(1)), w('l1_submitted', at(2, 'B'))], 'l2_active'],
    ['vneid: progress made later wins', 'vneid', [w('l2_collected', at(1)), w('l2_active', at(2, 'B'))], 'l2_active'],
    ['vneid: a correction moves it back', 'vneid', [w('l2_active', at(1)), w('none', at(2, 'B'), true)], 'none'],
    ['vneid: progress after a correction still counts', 'vneid', [w('l2_active', at(1)), w('none', at(2, 'B'), true), w('l1_submitted', at(3))], 'l1_submitted'],
    ['vneid: an old correction does not undo later progress', 'vneid', [w('none', at(1), true), w('l2_active', at(2, 'B'))], 'l2_active'],
    ['phone: a smartphone is not undone by a stale "none"', 'phone', [w('smartphone', at(1)), w('none', at(3, 'B'))], 'smartphone'],
    ['payment: an account opened stays opened', 'payment', [w('bank', at(1)), w('none', at(2, 'B'))], 'bank'],
    ['payment: between accounts the latest wins', 'payment', [w('bank', at(1)), w('ewallet', at(2, 'B'))], 'ewallet'],
    ['booleans only move to true', 'eHealthRecord', [w(true, at(1)), w(false, at(9, 'B'))], true],
    ['household phone number: plain latest edit, unlike a person\'s phone kind', 'household.phone', [w('0912345678', at(1)), w('', at(2, 'B'))], ''],
    ['expected members: a plain field, the latest list wins (one recorded, one left)', 'expectedMembers', [w([{ name: 'A', birthYear: 1990 }, { name: 'B', birthYear: 1992 }], at(1)), w([{ name: 'B', birthYear: 1992 }], at(2, 'B'))], [{ name: 'B', birthYear: 1992 }]],
    ['fiber: a correction can say it was never there', 'fiber', [w(true, at(1)), w(false, at(9, 'B'), true)], false],
    ['skills: trainings add up', 'skills', [w(['payment'], at(1)), w(['public_services'], at(2, 'B'))], ['public_services', 'payment']],
    ['skills: a correction replaces the set', 'skills', [w(['payment', 'safety'], at(1)), w(['safety'], at(2, 'B'), true)], ['safety']],
  ])('%s', (_name, field, writes, expected) => {
    const entity = HOUSEHOLD_FIELDS.has(field as string) ? 'household' : 'person';
    expect(mergedInEveryOrder(entity, (field as string).replace('household.', ''), writes as FieldWrite[])).toEqual(expected);
  });

  it('three phones, one offline for a week: any arrival order gives one result', () => {
    const writes = [
      w('l1_submitted', at(NOV_2026 - 7 * DAY, 'offline-week')),
      w('l2_collected', at(NOV_2026 - DAY, 'B')),
      w('approved_waiting', at(NOV_2026, 'C')),
    ];
    expect(mergedInEveryOrder('person', 'vneid', writes)).toBe('approved_waiting');
  });

  it('a phone set years behind loses plain edits to phones with the right date', () => {
    const writes = [w('Lò Thị Mai', at(Date.UTC(2019, 0, 1), 'wrong-clock')), w('Lò Thị Mây', at(NOV_2026, 'B'))];
    expect(mergedInEveryOrder('person', 'name', writes)).toBe('Lò Thị Mây');
  });

  it('keeps who made the winning write, for "cập nhật bởi …"', () => {
    const merged = mergeField('person', 'vneid', [w('l2_active', at(1), false, 'Lò Văn Tổ'), w('none', at(2, 'B'), false, 'Hà Thị Lan')]);
    expect(merged?.userId).toBe('Lò Văn Tổ');
  });

  it('has nothing to merge without writes', () => {
    expect(mergeField('person', 'name', [])).toBeUndefined();
  });
});
