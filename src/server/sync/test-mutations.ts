// Mutations as a phone of the demo commune would send them, for the server's tests. Times are
// fixed: the server's "now" is NOW, and records were first made at T0, four days before.
import { formatStamp } from '../../domain/clock';
import { CONSENT_TEXT_VERSION, type Consent } from '../../domain/consent';
import { DEMO_COMMUNE_CODE } from '../../domain/demo-commune';
import { newHousehold } from '../../domain/household';
import { newPerson } from '../../domain/person';
import type { Mutation } from '../../domain/sync-protocol';
import type { Visit } from '../../domain/visit';
import type { Caller, Scope } from './store';

export const NOW = Date.UTC(2026, 10, 24, 8, 0, 0);
export const T0 = NOW - 4 * 24 * 3600_000;
export const MINUTE = 60_000;

export const COMMUNE = DEMO_COMMUNE_CODE;
export const HAMLET = 'DEMO-T1';
export const HOUSEHOLD = 'ho-1';

export const WHOLE_COMMUNE: Scope = { communeCode: COMMUNE, hamletCodes: null };
export const LAN: Caller = { scope: WHOLE_COMMUNE, deviceId: 'phone-lan', userId: 'Chị Lan' };
export const MINH: Caller = { scope: WHOLE_COMMUNE, deviceId: 'phone-minh', userId: 'Anh Minh' };

export const stampAt = (ms: number, device = 'phone-lan', counter = 0) => formatStamp({ ms, counter, device });

type Draft = Partial<Mutation> & Pick<Mutation, 'id' | 'entity' | 'entityId'>;

export function mutation(draft: Draft): Mutation {
  return {
    op: 'upsert',
    communeCode: COMMUNE,
    hamletCode: HAMLET,
    householdId: draft.entity === 'household' ? draft.entityId : HOUSEHOLD,
    fields: {},
    stamp: stampAt(T0),
    madeAt: new Date(T0).toISOString(),
    ...draft,
  };
}

/** Every field of a new household but its id, as a phone sends them when it is first saved. */
export function householdFields(id = HOUSEHOLD, hamletCode = HAMLET): Record<string, unknown> {
  const { id: _id, ...fields } = newHousehold({ id, communeCode: COMMUNE, hamletCode, createdAt: new Date(T0).toISOString() });
  return { ...fields, headName: 'Nguyễn Văn An', houseNumber: '12' };
}

export function personFields(householdId = HOUSEHOLD, name = 'Trần Thị Bình'): Record<string, unknown> {
  const consent = { givenBy: 'self', givenAt: new Date(T0).toISOString(), recordedBy: 'Chị Lan', textVersion: CONSENT_TEXT_VERSION } satisfies Consent;
  const { id: _id, ...fields } = newPerson({ id: 'x', householdId, name, birthYear: 1961, updatedAt: new Date(T0).toISOString(), consent });
  return fields;
}

export function visitFields(personId: string, householdId = HOUSEHOLD): Omit<Visit, 'id'> {
  return {
    householdId,
    visitedAt: new Date(T0).toISOString(),
    visitor: 'Chị Lan',
    changes: [
      { personId, field: 'added', from: null, to: 'Trần Thị Bình' },
      { personId, field: 'vneid', from: null, to: 'l1_submitted' },
      { field: 'fiber', from: false, to: true },
    ],
    personIds: [personId],
    notes: '',
  };
}

export const createHousehold = (id = 'm-ho-1', entityId = HOUSEHOLD) =>
  mutation({ id, entity: 'household', entityId, fields: householdFields(entityId) });

export const createPerson = (id: string, personId: string, over: Partial<Mutation> = {}) =>
  mutation({ id, entity: 'person', entityId: personId, fields: personFields(), ...over });

/** A later edit of some fields of a person, made at `ms` on `device`. */
export const editPerson = (id: string, personId: string, fields: Record<string, unknown>, ms: number, device = 'phone-lan', over: Partial<Mutation> = {}) =>
  mutation({ id, entity: 'person', entityId: personId, fields, stamp: stampAt(ms, device), madeAt: new Date(ms).toISOString(), ...over });
