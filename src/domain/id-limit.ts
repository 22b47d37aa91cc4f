// The longest id the server takes, apart from the protocol's zod schemas (sync-protocol.ts) so
// that the phone's first screen, which saves and so makes mutation ids, does not load zod.

/** The longest id (of a mutation or a record) the server takes. */
export const MAX_ID_LENGTH = 64;
