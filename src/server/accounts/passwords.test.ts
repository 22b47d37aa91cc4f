// scrypt hashes: a salt of their own, the right password matches, nothing else does, and a
// stored text that is not a hash never matches (nor throws).
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, NO_ACCOUNT_HASH, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes with a salt of its own each time, and verifies only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('mật khẩu dài'), hashPassword('mật khẩu dài')]);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu dài', a)).toBe(true);
    expect(await verifyPassword('mật khẩu dài ', a)).toBe(false);
    expect(await verifyPassword('Mật khẩu dài', a)).toBe(false);
  });

  it('treats the same letters typed as composed or decomposed Unicode as the same password', async () => {
    const hash = await hashPassword('Lò Thị Mây'.normalize('NFC'));
    expect(await verifyPassword('Lò Thị Mây'.normalize('NFD'), hash)).toBe(true);
  });

  it.each([[''], ['plain text'], ['scrypt$1$1$1$$'], ['scrypt$99999999$8$1$c2FsdA$a2V5'], ['scrypt$1048576$32$16$c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'], ['scrypt$16384$8$1$c2FsdA$c2hvcnQ'], ['!locked']])(
    'never matches the stored text %j',
    async (stored) => {
      expect(await verifyPassword('anything', stored)).toBe(false);
    },
  );

  it('has a stand-in hash for unknown usernames that no password matches', async () => {
    expect(await verifyPassword('', NO_ACCOUNT_HASH)).toBe(false);
    expect(await verifyPassword('demo-ngo-so', NO_ACCOUNT_HASH)).toBe(false);
  });

  it('makes passwords of 12 unambiguous letters and digits', () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const p of passwords) expect(p).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
    expect(new Set(passwords).size).toBe(50);
  });
});
