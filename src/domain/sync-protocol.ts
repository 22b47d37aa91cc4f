// The sync protocol between phones and the commune's server, shared by both ends. A phone
// sends mutations (one entity's changed fields, with a client-made id that makes retries
// harmless) and pulls records changed since a cursor that only the server issues.
import * as z from 'zod/mini';
import { Household } from './household';
import { Person } from './person';
import { Visit } from './visit';
import { CHOOSE_FROM_LIST } from './messages';
import { MAX_ID_LENGTH } from './id-limit';

export const EntityKind = z.enum(['household', 'person', 'visit'], 'Loại bản ghi không hợp lệ (household, person, visit)');
export type EntityKind = z.infer<typeof EntityKind>;

export { MAX_ID_LENGTH };
const Id = z.string().check(z.minLength(1), z.maxLength(MAX_ID_LENGTH));

export const Mutation = z.object({
  /** Made by the phone once; the same id sent twice is applied once. */
  id: Id,
  entity: EntityKind,
  entityId: Id,
  /** `delete` is used only for a person who withdrew consent: their data is erased. */
  op: z.enum(['upsert', 'delete'], CHOOSE_FROM_LIST),
  /** Scope of the record, so the server can check it against the caller's communes and hamlets. */
  communeCode: Id,
  hamletCode: Id,
  householdId: Id,
  /** The fields this change sets: all of them for a new record, only the changed ones after;
   *  each is checked against the shared schema by mutationProblem(). */
  fields: z.record(z.string(), z.unknown()),
  /** clock.ts formatStamp(): orders edits of the same field. */
  stamp: z.string().check(z.minLength(1), z.maxLength(120)),
  /** Moves a forward-only status back (a mistake fixed), which a plain edit cannot. */
  correction: z.optional(z.boolean()),
  /** The phone's clock when the change was made: shown in history, never used for order. */
  madeAt: z.string().check(z.maxLength(40)),
});
export type Mutation = z.infer<typeof Mutation>;

/**
 * Mutations one push may carry. Phones of version 1 send at most 500, the cap before version 2;
 * 500 mutations of version 2 are ~12 KB gzipped (~80 households), so on a 3G link pushes waited
 * on round trips more than on the wire. 2,000 are ~50 KB, half a second at 3G.
 */
export const MAX_MUTATIONS_PER_PUSH = 2000;
/** Bytes of (uncompressed) JSON a version 1 push may carry, and the most one mutation may weigh. */
export const MAX_PUSH_BYTES = 1024 * 1024;
/**
 * What a version 2 push carries at most, counted as the same mutations in version 1 JSON (the
 * outbox's measure): the server's cap on a body, which a version 2 body of them never passes.
 */
export const MAX_PUSH_V2_BYTES = 2 * MAX_PUSH_BYTES;

/** Every request names its device and user in these headers (the user URI-encoded). */
export const DEVICE_HEADER = 'X-Device-Id';
export const USER_HEADER = 'X-User';

export const PushRequest = z.object({
  mutations: z.array(Mutation).check(z.maxLength(MAX_MUTATIONS_PER_PUSH)),
});
export type PushRequest = z.infer<typeof PushRequest>;

export type MutationResult =
  | { id: string; status: 'applied' | 'duplicate' }
  | { id: string; status: 'rejected'; reason: string };

export type PushResponse = { results: MutationResult[]; serverTime: string };

/** A record as the server holds it now, or the fact that it was erased. */
export type SyncedRecord =
  | { entity: 'household'; id: string; deleted: false; record: Household; updatedBy: string }
  | { entity: 'person'; id: string; deleted: false; record: Person; updatedBy: string }
  | { entity: 'visit'; id: string; deleted: false; record: Visit; updatedBy: string }
  | { entity: EntityKind; id: string; deleted: true };

export type PullResponse = { records: SyncedRecord[]; cursor: string; more: boolean; serverTime: string };

const FIELD_SCHEMAS = { household: Household.shape, person: Person.shape, visit: Visit.shape } as const;

/** Fields a mutation may not set: they come from the mutation itself or from the server. */
const RESERVED_FIELDS = new Set(['id']);

/**
 * Why a mutation cannot be applied, in plain words, or undefined when its fields are valid.
 * Checks each field against the shared schema; cross-record rules are the server's.
 */
export function mutationProblem(m: Mutation): string | undefined {
  if (m.op === 'delete') {
    if (m.entity !== 'person') return 'Chỉ xoá được nhân khẩu (khi rút lại đồng ý)';
    return Object.keys(m.fields).length === 0 ? undefined : 'Lệnh xoá không mang dữ liệu';
  }
  const shape: Record<string, z.ZodMiniType> = FIELD_SCHEMAS[m.entity];
  for (const [field, value] of Object.entries(m.fields)) {
    // Own keys only: a field named "constructor" or "toString" must be refused, not found on Object.
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (schema === undefined || RESERVED_FIELDS.has(field)) return `Trường không hợp lệ: ${field}`;
    const parsed = schema.safeParse(value);
    if (!parsed.success) return `${field}: ${parsed.error.issues[0]?.message ?? 'giá trị không hợp lệ'}`;
  }
  if (m.entity !== 'household' && 'householdId' in m.fields && m.fields.householdId !== m.householdId) {
    return 'householdId không khớp với hộ của lệnh';
  }
  if (m.entity === 'household' && 'hamletCode' in m.fields && m.fields.hamletCode !== m.hamletCode) {
    return 'hamletCode không khớp với thôn của lệnh';
  }
  return undefined;
}
