// What accounts, areas and devices need from storage. SQLite implements it
// (sqlite-accounts.ts), in the same file as the sync store. Calls are synchronous: the admin
// command and the API use the same functions.
import type { Account, Role } from '../../domain/accounts';
import type { Area } from '../../domain/areas';

/** An account as stored: the shared Account plus what never leaves the server. */
export type StoredAccount = Account & { passwordHash: string; demo: boolean };

export type NewAccount = {
  username: string;
  displayName: string;
  role: Role;
  provinceCode: string;
  communeCode: string | null;
  hamletCodes: readonly string[] | null;
  passwordHash: string;
  demo?: boolean;
};

/** A signed-in device as a lead sees it: never its token or the token's hash. */
export type DeviceInfo = {
  deviceId: string;
  name: string;
  userId: string;
  username: string;
  displayName: string;
  communeCode: string | null;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
};

export type AccountStore = {
  area(code: string): Area | undefined;
  /** Children of an area, by name. */
  childrenOf(code: string): Area[];
  allAreas(): Area[];
  /** Adds the area, or renames it when the code exists at the same level under the same parent. */
  putArea(area: Area, nowIso: string): 'added' | 'renamed' | 'unchanged';
  hasRealAreas(): boolean;

  accountByUsername(username: string): StoredAccount | undefined;
  accountById(id: string): StoredAccount | undefined;
  createAccount(input: NewAccount, nowIso: string): Account;
  setPassword(accountId: string, passwordHash: string, nowIso: string): void;
  accounts(filter?: { communeCode?: string }): Account[];

  addDevice(device: { id: string; tokenHash: string; accountId: string; name: string }, nowIso: string): void;
  /** The device a token hash belongs to, revoked or not, with its account. */
  deviceByTokenHash(hash: string): { deviceId: string; revokedAt: string | null; account: StoredAccount } | undefined;
  /** Notes the device was seen, at most once a minute (so a busy phone does not write on every pull). */
  touchDevice(deviceId: string, nowIso: string): void;
  device(deviceId: string): DeviceInfo | undefined;
  devices(filter: { communeCode?: string; accountId?: string }): DeviceInfo[];
  revokeDevice(deviceId: string, byAccountId: string, nowIso: string): boolean;
  /** Runs `work` in one transaction: everything it stored, or nothing when it throws. */
  transaction<T>(work: () => T): T;
  /** Revokes every device of the demo accounts and locks them (no password matches); how many. */
  disableDemoAccounts(byAccountId: string, nowIso: string): number;
};
