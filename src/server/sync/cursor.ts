// The pull cursor: opaque to phones, it carries the database it came from and the last change
// the phone has. A cursor from another database (the server's data was reset) starts over.

export function encodeCursor(databaseId: string, seq: number): string {
  return Buffer.from(`${databaseId}.${seq}`, 'utf8').toString('base64url');
}

/** The seq to continue after, 0 to start over, or undefined for text that is not a cursor. */
export function decodeCursor(databaseId: string, cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const match = /^(.+)\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return match[1] === databaseId ? Number(match[2]) : 0;
}
