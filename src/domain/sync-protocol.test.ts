import { describe, expect, it } from 'vitest';
import { Mutation, PushRequest, mutationProblem } from './sync-protocol';

const base = {
  id: 'm-1',
  entity: 'person',
  entityId: 'p1',
  op: 'upsert',
  communeCode: 'DEMO-XA',
  hamletCode: 'DEMO-T1',
  householdId: 'h1',
  fields: {},
  stamp: '0000mhx2d3k-0000-dev',
  madeAt: '2026-11-24T08:00:00.000Z',
} as const;
const m = (change: Partial<Mutation>): Mutation => Mutation.parse({ ...base, ...change });

describe('Mutation schema', () => {
  it('accepts a well-formed push', () => {
    expect(PushRequest.safeParse({ mutations: [base] }).success).toBe(true);
  });
  it.each([
    ['an unknown entity kind', { entity: 'tractor' }],
    ['an unknown op', { op: 'merge' }],
    ['an empty id', { id: '' }],
    ['fields that are not an object', { fields: [1, 2] }],
  ])('refuses %s', (_name, change) => {
    expect(Mutation.safeParse({ ...base, ...change }).success).toBe(false);
  });
  it('names the entity kinds in plain words when one is unknown', () => {
    const r = Mutation.safeParse({ ...base, entity: 'tractor' });
    expect(r.error?.issues[0]?.message).toBe('Loại bản ghi không hợp lệ (household, person, visit)');
  });
});

describe('mutationProblem', () => {
  it.each([
    ['valid person fields', m({ fields: { vneid: 'l2_active', skills: ['payment'] } }), undefined],
    ['an unknown field', m({ fields: { cccd: '001234' } }), 'Trường không hợp lệ: cccd'],
    ['the id as a field', m({ fields: { id: 'other' } }), 'Trường không hợp lệ: id'],
    ['a field named like a property of every object', m({ fields: { constructor: 'x' } }), 'Trường không hợp lệ: constructor'],
    ['a field named toString', m({ fields: { toString: 1 } }), 'Trường không hợp lệ: toString'],
    ['a value outside its list', m({ fields: { vneid: 'level 3' } }), 'vneid: Chọn một giá trị trong danh sách'],
    ['a bad birth year', m({ fields: { birthYear: 1800 } }), 'birthYear: Năm sinh phải từ 1900 trở đi'],
    ['a person moved to another household', m({ fields: { householdId: 'h2' } }), 'householdId không khớp với hộ của lệnh'],
    ['a household in another hamlet than announced', m({ entity: 'household', entityId: 'h1', fields: { hamletCode: 'DEMO-T2' } }), 'hamletCode không khớp với thôn của lệnh'],
    ['a bad household phone', m({ entity: 'household', entityId: 'h1', fields: { phone: '123' } }), 'phone: Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0'],
    ['the expected members of a household', m({ entity: 'household', entityId: 'h1', fields: { expectedMembers: [{ name: 'Lò Thị Em', birthYear: 1990 }] } }), undefined],
    ['an expected member with a bad birth year', m({ entity: 'household', entityId: 'h1', fields: { expectedMembers: [{ name: 'Em', birthYear: 1800 }] } }), 'expectedMembers: Năm sinh phải từ 1900 trở đi'],
    ['deleting a person', m({ op: 'delete' }), undefined],
    ['deleting a household', m({ op: 'delete', entity: 'household' }), 'Chỉ xoá được nhân khẩu (khi rút lại đồng ý)'],
    ['a delete carrying data', m({ op: 'delete', fields: { name: 'x' } }), 'Lệnh xoá không mang dữ liệu'],
  ])('%s', (_name, mutation, problem) => {
    expect(mutationProblem(mutation)).toBe(problem);
  });
});
