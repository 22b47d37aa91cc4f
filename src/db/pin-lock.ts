// The device token sealed under the person's PIN: a key derived from the PIN with PBKDF2
// (SHA-256, a random salt, many iterations) encrypts the token with AES-GCM. Nothing else is
// kept: a wrong PIN is told apart by GCM's authentication failing, so no PIN hash rests here.

/** 4 to 6 digits: short enough for one thumb, checked against a try limit (see sessions.ts). */
export const PIN_PATTERN = /^\d{4,6}$/;

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256: a few hundred ms on a cheap phone, once per unlock. */
export const PBKDF2_ITERATIONS = 600_000;

export type SealedToken = {
  salt: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
  /** Stored with the seal, so a later version may raise the default without locking anyone out. */
  iterations: number;
};

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

const encoder = new TextEncoder();

async function keyFromPin(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/**
 * Encrypts `token` under `pin`. `owner` (the account's user id) is bound in as additional data,
 * so a seal copied into another account's session does not open there.
 */
export async function sealToken(token: string, pin: string, owner: string, iterations = PBKDF2_ITERATIONS): Promise<SealedToken> {
  if (!isValidPin(pin)) throw new Error('PIN must be 4 to 6 digits');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await keyFromPin(pin, salt, iterations);
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(owner) }, key, encoder.encode(token));
  return { salt, iv, ciphertext, iterations };
}

/** The token, or null when the PIN (or the owner) is not the one it was sealed with. */
export async function openToken(sealed: SealedToken, pin: string, owner: string): Promise<string | null> {
  if (!isValidPin(pin)) return null;
  const key = await keyFromPin(pin, sealed.salt, sealed.iterations);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(owner) }, key, sealed.ciphertext);
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
