// The hand check of a push takes only what the shared schema takes, as the schema gives it back;
// everything else is left to the schema.
import { describe, expect, it } from 'vitest';
import { MAX_MUTATIONS_PER_PUSH, PushRequest } from '../../domain/sync-protocol';
import { plainPushMutations } from './push-shape';
import { createHousehold, createPerson, mutation, visitFields } from './test-mutations';

const visit = mutation({ id: 'm-v1', entity: 'visit', entityId: 'v1', fields: visitFields('p1') });
const withdraw = mutation({ id: 'm-del', entity: 'person', entityId: 'p1', op: 'delete' });
const valid = [createHousehold(), createPerson('m-p1', 'p1'), createPerson('m-p2', 'p2', { correction: true }), visit, withdraw];

/** Through JSON, as the server gets it. */
const wire = (body: unknown): unknown => JSON.parse(JSON.stringify(body));

describe('plainPushMutations', () => {
  it('takes a push as phones send it, equal to what the schema gives', () => {
    const body = wire({ mutations: valid });
    const schema = PushRequest.parse(body);
    expect(plainPushMutations(body, MAX_MUTATIONS_PER_PUSH)).toEqual(schema.mutations);
    expect(plainPushMutations(wire({ mutations: [] }), MAX_MUTATIONS_PER_PUSH)).toEqual([]);
  });

  const person = createPerson('m-p1', 'p1');
  it.each<[string, unknown]>([
    ['a body that is a list', [person]],
    ['mutations that are not a list', { mutations: 'all' }],
    ['more mutations than a push carries', { mutations: Array.from({ length: MAX_MUTATIONS_PER_PUSH + 1 }, () => person) }],
    ['a mutation that is a list', { mutations: [[person]] }],
    ['an unknown key', { mutations: [{ ...person, extra: 1 }] }],
    ['a missing key', { mutations: [{ ...person, madeAt: undefined }] }],
    ['an empty id', { mutations: [{ ...person, id: '' }] }],
    ['an id too long', { mutations: [{ ...person, entityId: 'x'.repeat(65) }] }],
    ['a stamp that is a number', { mutations: [{ ...person, stamp: 42 }] }],
    ['a stamp too long', { mutations: [{ ...person, stamp: 's'.repeat(121) }] }],
    ['a madeAt too long', { mutations: [{ ...person, madeAt: 't'.repeat(41) }] }],
    ['an unknown entity kind', { mutations: [{ ...person, entity: 'pet' }] }],
    ['an unknown operation', { mutations: [{ ...person, op: 'merge' }] }],
    ['a correction that is not true or false', { mutations: [{ ...person, correction: 'yes' }] }],
    ['fields that are a list', { mutations: [{ ...person, fields: ['a'] }] }],
    ['fields that are null', { mutations: [{ ...person, fields: null }] }],
    ['fields with a __proto__ key', { mutations: [JSON.parse(`{"fields":{"__proto__":{"x":1}}}`)].map((m: object) => ({ ...person, ...m })) }],
  ])('leaves %s to the schema', (_case, body) => {
    expect(plainPushMutations(wire(body), MAX_MUTATIONS_PER_PUSH)).toBeUndefined();
  });
});
