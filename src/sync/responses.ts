// The shapes the phone accepts from the server's push and pull answers. Records inside a pull
// are checked against the shared schema later, one by one, so one bad record skips alone.
import * as z from 'zod/mini';
import { decodePull, PullWire } from '../domain/pull-wire';
import { EntityKind } from '../domain/sync-protocol';

const ServerTime = z.string().check(z.refine((t) => !Number.isNaN(Date.parse(t))));

export const PushReply = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['applied', 'duplicate', 'rejected']),
      reason: z.optional(z.string()),
    }),
  ),
  serverTime: ServerTime,
});
export type PushReply = z.infer<typeof PushReply>;

/** Version 2 (push-wire.ts): counts, and only the refused mutations with their reasons. */
export const PushReplyV2 = z.object({
  v: z.literal(2),
  applied: z.number().check(z.int(), z.minimum(0)),
  duplicate: z.number().check(z.int(), z.minimum(0)),
  rejected: z.array(z.object({ id: z.string(), reason: z.string() })),
  serverTime: ServerTime,
});

const PullRecords = z.array(
  z.object({
    entity: EntityKind,
    id: z.string().check(z.minLength(1)),
    deleted: z.boolean(),
    record: z.optional(z.unknown()),
    updatedBy: z.optional(z.string()),
  }),
);

const PullPage = z.object({ cursor: z.string(), more: z.boolean(), serverTime: ServerTime });

export const PullReply = z.object({ records: PullRecords, ...PullPage.shape });
export type PullReply = z.infer<typeof PullReply>;

/**
 * A pull answer of any version: 3 (or 2) when the server knows it (pull-wire.ts), 1 from a
 * server that does not and ignored the `v` asked for. Undefined when it is none of them.
 */
export function readPullReply(body: unknown): PullReply | undefined {
  const wire = PullWire.safeParse(body);
  if (!wire.success) {
    const v1 = PullReply.safeParse(body);
    return v1.success ? v1.data : undefined;
  }
  const page = PullPage.safeParse(body);
  const records = page.success ? decodePull(wire.data) : undefined;
  const checked = records === undefined ? undefined : PullRecords.safeParse(records);
  return page.success && checked?.success ? { records: checked.data, ...page.data } : undefined;
}
