// The shapes the phone accepts from the server's push and pull answers. Records inside a pull
// are checked against the shared schema later, one by one, so one bad record skips alone.
import * as z from 'zod/mini';
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

export const PullReply = z.object({
  records: z.array(
    z.object({
      entity: EntityKind,
      id: z.string().check(z.minLength(1)),
      deleted: z.boolean(),
      record: z.optional(z.unknown()),
      updatedBy: z.optional(z.string()),
    }),
  ),
  cursor: z.string(),
  more: z.boolean(),
  serverTime: ServerTime,
});
export type PullReply = z.infer<typeof PullReply>;
