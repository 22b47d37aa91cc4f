// Which pending mutations go in the next push: in order, as many as fit the byte target and the
// count cap. Sizes are the mutations' as version 1 JSON (what the outbox keeps per row); the
// version 2 body of the same mutations is smaller. Pure.
import { MAX_PUSH_BYTES, MAX_PUSH_V2_BYTES } from '../domain/sync-protocol';

/** `{"mutations":[` … `]}` around the mutations in version 1, which are joined by commas. */
export const ENVELOPE_BYTES = '{"mutations":[]}'.length;

export type Sized = { bytes: number };

/**
 * The longest prefix of `rows` whose push stays within `targetBytes` (and MAX_PUSH_V2_BYTES) and
 * `maxCount`; the first row always goes (alone when it is bigger than the target). `tooBig`
 * says that the first row alone is over what the protocol allows, so it can never be sent.
 */
export function takeBatch<T extends Sized>(rows: readonly T[], targetBytes: number, maxCount: number): { rows: T[]; bytes: number; tooBig: boolean } {
  const [first] = rows;
  if (first === undefined) return { rows: [], bytes: 0, tooBig: false };
  let bytes = ENVELOPE_BYTES + first.bytes;
  if (bytes > MAX_PUSH_BYTES) return { rows: [first], bytes, tooBig: true };
  const limit = Math.min(targetBytes, MAX_PUSH_V2_BYTES);
  const taken = [first];
  for (const row of rows.slice(1, maxCount)) {
    if (bytes + 1 + row.bytes > limit) break;
    bytes += 1 + row.bytes;
    taken.push(row);
  }
  return { rows: taken, bytes, tooBig: false };
}
