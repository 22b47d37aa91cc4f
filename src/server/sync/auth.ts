// Who is calling: a bearer token names a scope, and two headers name the device and its user.
// Until accounts exist (issue 4) one commune and one token come from the environment; a token
// lookup with the same shape will replace singleCommuneAuth.
import { createHash, timingSafeEqual } from 'node:crypto';
import { DEVICE_HEADER, USER_HEADER } from '../../domain/sync-protocol';
import type { Caller, Scope } from './store';

/** The scope a token grants, or undefined for a token the server does not know. */
export type Authenticate = (token: string) => Scope | undefined;

const digest = (text: string) => createHash('sha256').update(text).digest();

/** One commune, every hamlet, one shared token (compared in constant time). */
export function singleCommuneAuth(communeCode: string, token: string): Authenticate {
  const expected = digest(token);
  return (given) => (timingSafeEqual(digest(given), expected) ? { communeCode, hamletCodes: null } : undefined);
}

const MAX_DEVICE_ID = 64;
const MAX_USER = 100;

export type HeaderReader = { get(name: string): string | null | undefined };

export type Identified = { ok: true; caller: Caller } | { ok: false; status: 400 | 401; error: string };

/** The caller of a request, or why the request is refused (401 for the token, 400 for the rest). */
export function identify(headers: HeaderReader, authenticate: Authenticate): Identified {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '')?.[1];
  const scope = token === undefined ? undefined : authenticate(token);
  if (scope === undefined) {
    return { ok: false, status: 401, error: 'Send the sync token of your commune as "Authorization: Bearer <token>"; this one is missing or wrong.' };
  }
  const deviceId = headers.get(DEVICE_HEADER)?.trim() ?? '';
  if (deviceId === '' || deviceId.length > MAX_DEVICE_ID) {
    return { ok: false, status: 400, error: `Name the device in the ${DEVICE_HEADER} header (1 to ${MAX_DEVICE_ID} characters).` };
  }
  let userId = '';
  try {
    userId = decodeURIComponent(headers.get(USER_HEADER) ?? '').trim();
  } catch {
    userId = '';
  }
  if (userId === '' || userId.length > MAX_USER) {
    return { ok: false, status: 400, error: `Name the team member in the ${USER_HEADER} header, URI-encoded (1 to ${MAX_USER} characters).` };
  }
  return { ok: true, caller: { scope, deviceId, userId } };
}
