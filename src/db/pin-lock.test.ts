import { describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS, isValidPin, openToken, sealToken } from './pin-lock';

const TOKEN = 'dv_3f9c2a7b1e…-a-device-token';
const bytesOf = (buffer: ArrayBuffer) => new TextDecoder('latin1').decode(buffer);

describe('the PIN lock (WebCrypto: PBKDF2 → AES-GCM)', () => {
  it('opens with the PIN it was sealed with, at the default iterations, and the token is not in the sealed bytes', async () => {
    const sealed = await sealToken(TOKEN, '2468', 'user-1');
    expect(sealed.iterations).toBe(PBKDF2_ITERATIONS);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(bytesOf(sealed.ciphertext)).not.toContain('device-token');
    expect(await openToken(sealed, '2468', 'user-1')).toBe(TOKEN);
  });

  it('does not open with a wrong PIN, nor for another account', async () => {
    const sealed = await sealToken(TOKEN, '135790', 'user-1', 1000);
    expect(await openToken(sealed, '135791', 'user-1')).toBeNull();
    expect(await openToken(sealed, '13579', 'user-1')).toBeNull();
    expect(await openToken(sealed, '135790', 'user-2')).toBeNull();
    expect(await openToken(sealed, '135790', 'user-1')).toBe(TOKEN);
  });

  it('uses a fresh salt and IV every time: the same token and PIN seal differently', async () => {
    const a = await sealToken(TOKEN, '1234', 'u', 1000);
    const b = await sealToken(TOKEN, '1234', 'u', 1000);
    expect([...a.salt]).not.toEqual([...b.salt]);
    expect([...a.iv]).not.toEqual([...b.iv]);
    expect(bytesOf(a.ciphertext)).not.toBe(bytesOf(b.ciphertext));
  });

  it('keeps its iteration count, so a seal made under an older default still opens', async () => {
    const old = await sealToken(TOKEN, '4321', 'u', 5000);
    expect(old.iterations).toBe(5000);
    expect(await openToken(old, '4321', 'u')).toBe(TOKEN);
  });

  it('accepts 4 to 6 digits only, and will not seal under anything else', async () => {
    expect(['1234', '12345', '123456'].map(isValidPin)).toEqual([true, true, true]);
    expect(['123', '1234567', '12a4', ' 1234', '', '１２３４'].map(isValidPin)).toEqual([false, false, false, false, false, false]);
    await expect(sealToken(TOKEN, '12', 'u', 1000)).rejects.toThrow();
  });
});
