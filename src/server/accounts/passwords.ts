// Passwords as scrypt hashes: a random salt each, the cost written beside the hash (so it can
// grow later without breaking old hashes), compared in constant time. Never logged, never sent.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** N = 2^20 with r = 8 needs 1 GiB: more than this file's hashes ever ask for is refused. */
const MAX_N = 1 << 20;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((done, fail) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) => (error ? fail(error) : done(key)));
  });
}

/** "scrypt$N$r$p$salt$hash", salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string): { options: ScryptOptions; salt: Buffer; key: Buffer } | undefined {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return undefined;
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  if (![N, R, P].every((v) => Number.isInteger(v) && v > 0) || N > MAX_N || R > 32 || P > 16) return undefined;
  return { options: { N, r: R, p: P }, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/** A stored text that is no hash (a locked account) matches nothing, after the same work as a hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  const usable = parsed !== undefined && parsed.key.byteLength === KEY_BYTES;
  const against = usable ? parsed : { options: COST, salt: Buffer.alloc(SALT_BYTES), key: Buffer.alloc(KEY_BYTES) };
  try {
    const key = await derive(password, against.salt, against.options);
    return timingSafeEqual(key, against.key) && usable;
  } catch {
    return false;
  }
}

/**
 * A hash no password matches, checked when the username is unknown, so a wrong username takes
 * as long as a wrong password and the answer's timing does not tell which usernames exist.
 */
export const NO_ACCOUNT_HASH = ['scrypt', COST.N, COST.r, COST.p, randomBytes(SALT_BYTES).toString('base64url'), randomBytes(KEY_BYTES).toString('base64url')].join('$');

/** A password to hand over once: 12 letters and digits in groups of four, easy to type on a phone. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length] ?? 'x');
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12)].map((g) => g.join('')).join('-');
}
