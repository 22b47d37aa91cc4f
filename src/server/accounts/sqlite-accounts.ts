// Areas, accounts and devices in the server's SQLite file (tables `areas`, `accounts`,
// `devices`; see sync/sqlite-schema.ts). Passwords and tokens are stored only as hashes.
import type { Database } from 'better-sqlite3';
import type { Account, Role } from '../../domain/accounts';
import type { Area, AreaLevel } from '../../domain/areas';
import type { AccountStore, DeviceInfo, StoredAccount } from './store';
import { newId } from './tokens';

type AreaRow = { code: string; name: string; level: AreaLevel; parent_code: string | null; demo: number };
type AccountRow = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  province_code: string | null;
  commune_code: string | null;
  hamlet_codes_json: string | null;
  password_hash: string;
  demo: number;
};
type DeviceRow = {
  id: string;
  name: string;
  account_id: string;
  username: string;
  display_name: string;
  commune_code: string | null;
  created_at: string;
  last_seen_at: string;
  revoked_at: string | null;
};

/** No scrypt hash looks like this, so a locked account matches no password. */
const LOCKED = '!locked';
const TOUCH_EVERY_MS = 60_000;

function toArea(row: AreaRow): Area {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    ...(row.parent_code === null ? {} : { parentCode: row.parent_code }),
    ...(row.demo === 1 ? { demo: true } : {}),
  };
}

function hamletList(json: string | null): string[] | null {
  if (json === null) return null;
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === 'string') : null;
}

function toAccount(row: AccountRow): StoredAccount {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    provinceCode: row.province_code ?? '',
    communeCode: row.commune_code,
    hamletCodes: hamletList(row.hamlet_codes_json),
    passwordHash: row.password_hash,
    demo: row.demo === 1,
  };
}

/** The shared Account, without the hash and the demo mark. */
export function publicAccount(account: StoredAccount): Account {
  const { passwordHash: _hash, demo: _demo, ...shared } = account;
  return shared;
}

function toDevice(row: DeviceRow): DeviceInfo {
  return {
    deviceId: row.id,
    name: row.name,
    userId: row.account_id,
    username: row.username,
    displayName: row.display_name,
    communeCode: row.commune_code,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}

const DEVICE_SELECT = `SELECT d.id, d.name, d.account_id, a.username, a.display_name, a.commune_code, d.created_at, d.last_seen_at, d.revoked_at
  FROM devices d JOIN accounts a ON a.id = d.account_id`;

export function sqliteAccountStore(db: Database): AccountStore {
  const areaByCode = db.prepare<[string], AreaRow>('SELECT * FROM areas WHERE code = ?');
  const children = db.prepare<[string], AreaRow>('SELECT * FROM areas WHERE parent_code = ?');
  const allAreas = db.prepare<[], AreaRow>('SELECT * FROM areas');
  const realArea = db.prepare<[], { code: string }>('SELECT code FROM areas WHERE demo = 0 LIMIT 1');
  const insertArea = db.prepare(
    `INSERT INTO areas (code, name, level, parent_code, demo, created_at, updated_at) VALUES (@code, @name, @level, @parent, @demo, @now, @now)`,
  );
  const renameArea = db.prepare('UPDATE areas SET name = @name, updated_at = @now WHERE code = @code');
  const byUsername = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE username = ?');
  const byId = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const insertAccount = db.prepare(
    `INSERT INTO accounts (id, username, display_name, role, province_code, commune_code, hamlet_codes_json, password_hash, demo, created_at, password_changed_at)
     VALUES (@id, @username, @displayName, @role, @provinceCode, @communeCode, @hamlets, @passwordHash, @demo, @now, @now)`,
  );
  const setPassword = db.prepare('UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?');
  const allAccounts = db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY username');
  const accountsIn = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE commune_code = ? ORDER BY username');
  const insertDevice = db.prepare(
    `INSERT INTO devices (id, token_hash, account_id, name, created_at, last_seen_at) VALUES (@id, @tokenHash, @accountId, @name, @now, @now)`,
  );
  const deviceByHash = db.prepare<[string], { id: string; revoked_at: string | null; account_id: string }>(
    'SELECT id, revoked_at, account_id FROM devices WHERE token_hash = ?',
  );
  const touch = db.prepare('UPDATE devices SET last_seen_at = @now WHERE id = @id AND last_seen_at < @before');
  const deviceById = db.prepare<[string], DeviceRow>(`${DEVICE_SELECT} WHERE d.id = ?`);
  const devicesIn = db.prepare<[string], DeviceRow>(`${DEVICE_SELECT} WHERE a.commune_code = ? ORDER BY d.last_seen_at DESC`);
  const devicesOf = db.prepare<[string], DeviceRow>(`${DEVICE_SELECT} WHERE d.account_id = ? ORDER BY d.last_seen_at DESC`);
  const allDevices = db.prepare<[], DeviceRow>(`${DEVICE_SELECT} ORDER BY d.last_seen_at DESC`);
  const revoke = db.prepare('UPDATE devices SET revoked_at = @now, revoked_by = @by WHERE id = @id AND revoked_at IS NULL');
  const revokeDemo = db.prepare(
    'UPDATE devices SET revoked_at = @now, revoked_by = @by WHERE revoked_at IS NULL AND account_id IN (SELECT id FROM accounts WHERE demo = 1)',
  );
  const lockDemo = db.prepare(`UPDATE accounts SET password_hash = '${LOCKED}', password_changed_at = ? WHERE demo = 1`);

  const byName = (a: Area, b: Area) => a.name.localeCompare(b.name, 'vi', { numeric: true });

  return {
    area: (code) => {
      const row = areaByCode.get(code);
      return row === undefined ? undefined : toArea(row);
    },
    childrenOf: (code) => children.all(code).map(toArea).sort(byName),
    allAreas: () => allAreas.all().map(toArea),
    putArea: (area, nowIso) => {
      const existing = areaByCode.get(area.code);
      if (existing === undefined) {
        insertArea.run({ code: area.code, name: area.name, level: area.level, parent: area.parentCode ?? null, demo: area.demo === true ? 1 : 0, now: nowIso });
        return 'added';
      }
      if (existing.level !== area.level || (existing.parent_code ?? undefined) !== area.parentCode) {
        throw new Error(`area ${area.code} already exists as a ${existing.level} under ${existing.parent_code ?? 'nothing'}`);
      }
      if (existing.name === area.name) return 'unchanged';
      renameArea.run({ code: area.code, name: area.name, now: nowIso });
      return 'renamed';
    },
    hasRealAreas: () => realArea.get() !== undefined,

    accountByUsername: (username) => {
      const row = byUsername.get(username);
      return row === undefined ? undefined : toAccount(row);
    },
    accountById: (id) => {
      const row = byId.get(id);
      return row === undefined ? undefined : toAccount(row);
    },
    createAccount: (input, nowIso) => {
      const id = newId();
      insertAccount.run({
        id,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        provinceCode: input.provinceCode,
        communeCode: input.communeCode,
        hamlets: input.hamletCodes === null ? null : JSON.stringify(input.hamletCodes),
        passwordHash: input.passwordHash,
        demo: input.demo === true ? 1 : 0,
        now: nowIso,
      });
      const row = byId.get(id);
      if (row === undefined) throw new Error('the account was not stored');
      return publicAccount(toAccount(row));
    },
    setPassword: (accountId, passwordHash, nowIso) => {
      setPassword.run(passwordHash, nowIso, accountId);
    },
    accounts: (filter = {}) =>
      (filter.communeCode === undefined ? allAccounts.all() : accountsIn.all(filter.communeCode)).map((r) => publicAccount(toAccount(r))),

    addDevice: (device, nowIso) => {
      insertDevice.run({ ...device, now: nowIso });
    },
    deviceByTokenHash: (hash) => {
      const row = deviceByHash.get(hash);
      const account = row === undefined ? undefined : byId.get(row.account_id);
      if (row === undefined || account === undefined) return undefined;
      return { deviceId: row.id, revokedAt: row.revoked_at, account: toAccount(account) };
    },
    touchDevice: (deviceId, nowIso) => {
      const before = new Date(Date.parse(nowIso) - TOUCH_EVERY_MS).toISOString();
      touch.run({ id: deviceId, now: nowIso, before });
    },
    device: (deviceId) => {
      const row = deviceById.get(deviceId);
      return row === undefined ? undefined : toDevice(row);
    },
    devices: (filter) => {
      const rows =
        filter.accountId !== undefined ? devicesOf.all(filter.accountId) : filter.communeCode !== undefined ? devicesIn.all(filter.communeCode) : allDevices.all();
      return rows.map(toDevice);
    },
    revokeDevice: (deviceId, byAccountId, nowIso) => revoke.run({ id: deviceId, by: byAccountId, now: nowIso }).changes > 0,
    transaction: (work) => db.transaction(work)(),
    disableDemoAccounts: db.transaction((byAccountId: string, nowIso: string) => {
      revokeDemo.run({ now: nowIso, by: byAccountId });
      return lockDemo.run(nowIso).changes;
    }),
  };
}
