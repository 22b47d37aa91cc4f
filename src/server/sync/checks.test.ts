// The server's own rules for a mutation: content hashes, ordered clamping, scope.
import { describe, expect, it } from 'vitest';
import { FUTURE_TOLERANCE_MS, parseStamp } from '../../domain/clock';
import type { Mutation } from '../../domain/sync-protocol';
import { canonicalJson, clampInOrder, contentHash, scopeProblem, type Known } from './checks';
import type { Scope } from './store';
import { COMMUNE, HAMLET, HOUSEHOLD, NOW, createHousehold, createPerson, stampAt } from './test-mutations';

describe('canonicalJson and contentHash', () => {
  it('do not depend on the order of keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const m = createPerson('m-1', 'p1');
    const reordered = Object.fromEntries(Object.entries(m).reverse()) as typeof m;
    expect(contentHash(reordered)).toBe(contentHash(m));
  });

  it('treat "not a correction" and an absent flag alike, and tell any other change apart', () => {
    const m = createPerson('m-1', 'p1');
    expect(contentHash({ ...m, correction: false })).toBe(contentHash(m));
    expect(contentHash({ ...m, correction: true })).not.toBe(contentHash(m));
    expect(contentHash({ ...m, fields: { ...m.fields, birthYear: 1962 } })).not.toBe(contentHash(m));
  });

  it('write every kind of JSON value as JSON.stringify does, keys sorted as text', () => {
    const value = { b: [1.5, -0, 1e21, true, null, undefined], a: { '10': 'x', '9': 'Chị "Lan"\n', z: undefined }, 'é': {} };
    expect(canonicalJson(value)).toBe('{"a":{"10":"x","9":"Chị \\"Lan\\"\\n"},"b":[1.5,0,1e+21,true,null,null],"é":{}}');
  });

  it('never change for the same content, so a retry of a change an older server applied is still a duplicate', () => {
    const m: Mutation = {
      id: 'm-v1', entity: 'visit', entityId: 'v1', op: 'upsert', communeCode: 'DEMO-XA', hamletCode: 'DEMO-T1', householdId: 'ho-1',
      fields: {
        visitor: 'Chị Lan', notes: 'Nhà "cuối" ngõ\n', personIds: ['p1'], gone: undefined,
        changes: [{ personId: 'p1', field: 'vneid', from: null, to: 'l1_active' }, { field: 'fiber', from: false, to: true }],
      },
      stamp: '000mwoc08w0-0000-phone-lan', madeAt: '2026-11-20T02:00:00.000Z',
    };
    // Computed by the server before issue 6; the hashes in every database were made this way.
    expect(contentHash(m)).toBe('8aa6e638c07ba19ffe597b88ab89233357b1da232ccb72682d5a8d08a4706e7c');
  });
});

describe('clampInOrder', () => {
  it.each([
    ['a stamp from the past stays', NOW - 1000, NOW - 1000],
    ['a stamp within the tolerance stays', NOW + FUTURE_TOLERANCE_MS, NOW + FUTURE_TOLERANCE_MS],
    ['a stamp years ahead comes back to now', NOW + 3 * 365 * 24 * 3600_000, NOW],
  ])('%s', (_case, ms, expected) => {
    expect(parseStamp(clampInOrder(stampAt(ms), NOW, 0).stamp)?.ms).toBe(expected);
  });

  it('gives each clamp a later millisecond, so a phone\'s future edits keep their order', () => {
    const first = clampInOrder(stampAt(NOW + 9e10), NOW, 0);
    const second = clampInOrder(stampAt(NOW + 9e10 + 5), NOW, first.lastClampMs);
    expect(first.stamp < second.stamp).toBe(true);
    expect(second.lastClampMs).toBe(NOW + 1);
  });
});

describe('scopeProblem', () => {
  const whole: Scope = { communeCode: COMMUNE, hamletCodes: null };
  const t2Only: Scope = { communeCode: COMMUNE, hamletCodes: ['DEMO-T2'] };
  const here = { communeCode: COMMUNE, hamletCode: HAMLET };
  const person = createPerson('m-1', 'p1');

  it.each<[string, Scope, Known, RegExp | undefined]>([
    ['a new person in the commune', whole, {}, undefined],
    ['a known person of a known household', whole, { record: { ...here, householdId: HOUSEHOLD }, household: here }, undefined],
    ['a person the server files under another household', whole, { record: { ...here, householdId: 'ho-9' } }, /thuộc một hộ khác/],
    ['a household the server has in another commune', whole, { household: { communeCode: 'XA-KHAC', hamletCode: 'X' } }, /ở một xã khác/],
    ['a hamlet outside the caller\'s hamlets', t2Only, {}, /Thôn DEMO-T1 nằm ngoài/],
  ])('%s', (_case, scope, known, problem) => {
    const found = scopeProblem(scope, person, known);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it('refuses another commune, naming it', () => {
    expect(scopeProblem(whole, { ...createHousehold(), communeCode: 'XA-KHAC' }, {})).toMatch(/xã XA-KHAC/);
  });
});
