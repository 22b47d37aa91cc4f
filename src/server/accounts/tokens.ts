// Device tokens: 32 random bytes, shown to the phone once; the server keeps only their SHA-256.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newId(): string {
  return randomUUID();
}

/** The token of an "Authorization: Bearer …" header, or undefined. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const token = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]{1,512})[ \t]*$/i.exec(header ?? '')?.[1];
  return token;
}
