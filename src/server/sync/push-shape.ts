// A push's shape checked by hand for the common case, every mutation exactly as phones send it:
// the shared zod schema copies every mutation and its fields while it checks them, which cost
// about a tenth of a push on the server (issue 6). Anything else — a missing or unknown key, a
// wrong type, a length out of bounds — gets undefined here and goes to the schema, which then
// decides and says why.
import type { Mutation } from '../../domain/sync-protocol';

const REQUIRED = ['id', 'entity', 'entityId', 'op', 'communeCode', 'hamletCode', 'householdId', 'fields', 'stamp', 'madeAt'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'correction']);
const ENTITIES = new Set(['household', 'person', 'visit']);
const OPS = new Set(['upsert', 'delete']);

const isText = (value: unknown, min: number, max: number): value is string => typeof value === 'string' && value.length >= min && value.length <= max;

/** An object as JSON.parse makes it (not an array), with no own `__proto__` key. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__');
}

function isPlainMutation(value: unknown): value is Mutation {
  if (!isPlainObject(value)) return false;
  let keys = 0;
  for (const key in value) {
    if (!KNOWN.has(key)) return false;
    keys++;
  }
  const correction = value.correction;
  return (
    keys === REQUIRED.length + (correction === undefined ? 0 : 1) &&
    (correction === undefined || typeof correction === 'boolean') &&
    isText(value.id, 1, 64) &&
    isText(value.entityId, 1, 64) &&
    isText(value.communeCode, 1, 64) &&
    isText(value.hamletCode, 1, 64) &&
    isText(value.householdId, 1, 64) &&
    isText(value.stamp, 1, 120) &&
    isText(value.madeAt, 0, 40) &&
    typeof value.entity === 'string' &&
    ENTITIES.has(value.entity) &&
    typeof value.op === 'string' &&
    OPS.has(value.op) &&
    isPlainObject(value.fields)
  );
}

/** The mutations of a push body that certainly matches PushRequest as it is, or undefined. */
export function plainPushMutations(body: unknown, maxMutations: number): Mutation[] | undefined {
  if (!isPlainObject(body)) return undefined;
  const { mutations } = body;
  if (!Array.isArray(mutations) || mutations.length > maxMutations) return undefined;
  for (const m of mutations) if (!isPlainMutation(m)) return undefined;
  return mutations;
}
