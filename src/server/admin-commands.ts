// What each `npm run admin -- <command>` does, on an open account store. Each command returns
// the lines to print; a refusal throws AdminError with a plain-words message.
import { readFile } from 'node:fs/promises';
import { createAccountChecked, resetPasswordChecked } from './accounts/account-rules';
import { nextHamletCode } from './accounts/areas-api';
import { readAreaFile } from './accounts/area-file';
import { generatePassword } from './accounts/passwords';
import type { AccountStore } from './accounts/store';
import { syncScope } from './accounts/access';
import type { SyncStore } from './sync/store';

export class AdminError extends Error {}

export type Flags = Record<string, string | boolean | undefined>;

export type AdminContext = {
  accounts: AccountStore;
  store: SyncStore;
  nowIso: string;
  /** The whole of standard input, for --password-stdin. */
  readStdin: () => Promise<string>;
};

const flag = (flags: Flags, name: string): string | undefined => {
  const value = flags[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};
const required = (flags: Flags, name: string, what: string): string => {
  const value = flag(flags, name);
  if (value === undefined) throw new AdminError(`give ${what} with --${name}`);
  return value;
};
const onlyArgument = (args: readonly string[], what: string): string => {
  if (args.length !== 1 || args[0] === undefined) throw new AdminError(`give ${what}`);
  return args[0];
};

async function passwordFor(flags: Flags, context: AdminContext): Promise<{ password: string; shown: boolean }> {
  if (flags['password-stdin'] === true) return { password: (await context.readStdin()).replace(/\r?\n$/, ''), shown: false };
  return { password: generatePassword(), shown: true };
}

export async function loadAreas(context: AdminContext, args: readonly string[], flags: Flags): Promise<string[]> {
  const file = onlyArgument(args, 'the file to load: load-areas FILE');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AdminError(`could not read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const read = readAreaFile(json, flag(flags, 'province'));
  if (!read.ok) throw new AdminError(`${file}: ${read.error}`);
  const counts = { added: 0, renamed: 0, unchanged: 0 };
  const { accounts } = context;
  try {
    accounts.transaction(() => {
      for (const area of read.areas) {
        const parent = area.parentCode === undefined ? undefined : accounts.area(area.parentCode);
        if (area.parentCode !== undefined && parent === undefined) throw new AdminError(`${area.code}: its parent ${area.parentCode} is not loaded`);
        if (parent?.demo === true || accounts.area(area.code)?.demo === true) throw new AdminError(`${area.code}: the demo areas cannot be loaded over`);
        counts[accounts.putArea(area, context.nowIso)] += 1;
      }
    });
  } catch (error) {
    throw error instanceof AdminError ? error : new AdminError(`nothing was loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const provinces = read.areas.filter((a) => a.level === 'province').map((a) => `${a.code} ${a.name}`);
  return [
    `Loaded ${read.areas.length} areas from ${file}: ${counts.added} added, ${counts.renamed} renamed, ${counts.unchanged} unchanged.`,
    `Provinces: ${provinces.join('; ')}`,
  ];
}

export function addHamlet(context: AdminContext, flags: Flags): string[] {
  const communeCode = required(flags, 'commune', 'the commune\'s code');
  const name = required(flags, 'name', 'the hamlet\'s name');
  const commune = context.accounts.area(communeCode);
  if (commune?.level !== 'commune') throw new AdminError(`there is no commune with code ${communeCode}; load it with load-areas`);
  const code = flag(flags, 'code') ?? nextHamletCode(context.accounts, communeCode);
  if (context.accounts.area(code) !== undefined) throw new AdminError(`the code ${code} is taken`);
  context.accounts.putArea({ code, name, level: 'hamlet', parentCode: communeCode, ...(commune.demo === true ? { demo: true } : {}) }, context.nowIso);
  return [`Added hamlet ${code} "${name}" to ${communeCode} ${commune.name}.`];
}

export function renameArea(context: AdminContext, args: readonly string[], flags: Flags): string[] {
  const code = onlyArgument(args, 'the area\'s code: rename-area CODE --name NAME');
  const name = required(flags, 'name', 'the new name');
  const area = context.accounts.area(code);
  if (area === undefined) throw new AdminError(`there is no area with code ${code}`);
  context.accounts.putArea({ ...area, name }, context.nowIso);
  return [`Renamed ${code} to "${name}".`];
}

export function listAreas(context: AdminContext, flags: Flags): string[] {
  const under = flag(flags, 'under');
  const shown = under === undefined ? context.accounts.allAreas().filter((a) => a.level !== 'hamlet') : context.accounts.childrenOf(under);
  if (shown.length === 0) return [under === undefined ? 'No areas: load some with load-areas.' : `Nothing under ${under}.`];
  return shown.map((a) => `${a.level.padEnd(8)} ${a.code.padEnd(12)} ${a.name}${a.parentCode === undefined ? '' : `  (in ${a.parentCode})`}${a.demo === true ? '  [DEMO]' : ''}`);
}

export async function createUser(context: AdminContext, args: readonly string[], flags: Flags): Promise<string[]> {
  const username = onlyArgument(args, 'the username: create-user USERNAME --role ROLE --name "Full name" …');
  const hamlets = flag(flags, 'hamlets');
  const { password, shown } = await passwordFor(flags, context);
  const created = await createAccountChecked(
    context.accounts,
    {
      username,
      displayName: required(flags, 'name', 'the person\'s full name'),
      role: required(flags, 'role', 'the role (member, lead, province or admin)'),
      ...(flag(flags, 'commune') === undefined ? {} : { communeCode: flag(flags, 'commune') }),
      ...(flag(flags, 'province') === undefined ? {} : { provinceCode: flag(flags, 'province') }),
      ...(hamlets === undefined ? {} : { hamletCodes: hamlets.split(',').map((h) => h.trim()).filter((h) => h !== '') }),
    },
    password,
    context.nowIso,
  );
  if (!created.ok) throw new AdminError(created.error);
  const a = created.value;
  const where = a.communeCode ?? (a.provinceCode || 'everywhere');
  return [
    `Created ${a.username} (${a.displayName}), ${a.role} in ${where}${a.hamletCodes === null ? '' : `, hamlets ${a.hamletCodes.join(', ')}`}.`,
    ...(shown ? [`Password: ${password}   (shown once: hand it over in person; it can be reset with reset-password)`] : []),
  ];
}

export async function resetPassword(context: AdminContext, args: readonly string[], flags: Flags): Promise<string[]> {
  const username = onlyArgument(args, 'the username: reset-password USERNAME');
  const { password, shown } = await passwordFor(flags, context);
  const reset = await resetPasswordChecked(context.accounts, username, password, context.nowIso);
  if (!reset.ok) throw new AdminError(reset.error);
  return [
    `New password set for ${reset.value.username}. Devices already signed in stay signed in; revoke them with revoke-device --user ${reset.value.username}.`,
    ...(shown ? [`Password: ${password}   (shown once)`] : []),
  ];
}

export function listUsers(context: AdminContext, flags: Flags): string[] {
  const commune = flag(flags, 'commune');
  const accounts = context.accounts.accounts(commune === undefined ? {} : { communeCode: commune });
  if (accounts.length === 0) return ['No accounts.'];
  return accounts.map((a) => {
    const where = a.communeCode ?? (a.provinceCode || '*');
    return `${a.username.padEnd(20)} ${a.role.padEnd(8)} ${where.padEnd(10)} ${a.hamletCodes === null ? '' : `[${a.hamletCodes.join(',')}] `}${a.displayName}`;
  });
}

export function listDevices(context: AdminContext, flags: Flags): string[] {
  const user = flag(flags, 'user');
  const account = user === undefined ? undefined : context.accounts.accountByUsername(user.toLowerCase());
  if (user !== undefined && account === undefined) throw new AdminError(`there is no account ${user}`);
  const commune = flag(flags, 'commune');
  const devices = context.accounts.devices(account !== undefined ? { accountId: account.userId } : commune !== undefined ? { communeCode: commune } : {});
  if (devices.length === 0) return ['No devices.'];
  return devices.map((d) => `${d.deviceId}  ${d.username.padEnd(16)} last seen ${d.lastSeenAt}  ${d.revokedAt === null ? 'active ' : 'revoked'}  ${d.name}`);
}

export function revokeDevice(context: AdminContext, args: readonly string[], flags: Flags): string[] {
  const user = flag(flags, 'user');
  if (user !== undefined) {
    const account = context.accounts.accountByUsername(user.toLowerCase());
    if (account === undefined) throw new AdminError(`there is no account ${user}`);
    const revoked = context.accounts.devices({ accountId: account.userId }).filter((d) => context.accounts.revokeDevice(d.deviceId, 'admin', context.nowIso));
    return [`Revoked ${revoked.length} device(s) of ${account.username}; they delete their data at their next contact.`];
  }
  const deviceId = onlyArgument(args, 'the device id (see list-devices), or --user USERNAME for all of someone\'s devices');
  const device = context.accounts.device(deviceId);
  if (device === undefined) throw new AdminError(`there is no device ${deviceId}; see list-devices`);
  if (!context.accounts.revokeDevice(deviceId, 'admin', context.nowIso)) return [`Device ${deviceId} was already revoked.`];
  return [`Revoked device ${deviceId} (${device.name}, ${device.username}); it deletes its data at its next contact.`];
}

export function disableDemo(context: AdminContext): string[] {
  const count = context.accounts.disableDemoAccounts('admin', context.nowIso);
  return [`Locked ${count} demo account(s) and revoked their devices. The demo areas and their invented records stay.`];
}

/**
 * What a (lost) device can hold, for the report the privacy rules ask for within 72 hours: its
 * account and scope, when it was last in contact, and at most how many records of each kind,
 * per hamlet (counts, never names). An upper bound: the phone holds no more than its scope.
 */
export async function deviceReport(context: AdminContext, args: readonly string[]): Promise<string[]> {
  const deviceId = onlyArgument(args, 'the device id (see list-devices): device-report DEVICE_ID');
  const device = context.accounts.device(deviceId);
  if (device === undefined) throw new AdminError(`there is no device ${deviceId}; see list-devices`);
  const account = context.accounts.accountById(device.userId);
  if (account === undefined) throw new AdminError(`the account of device ${deviceId} is gone`);
  const hamlets = account.communeCode === null ? [] : context.accounts.childrenOf(account.communeCode).map((h) => h.code);
  const scope = syncScope(account, hamlets);
  const lines = [
    `Device ${device.deviceId} "${device.name}" of ${account.username} (${account.displayName}), ${account.role}.`,
    `Signed in ${device.createdAt}; last contact ${device.lastSeenAt}; ${device.revokedAt === null ? 'NOT revoked (revoke-device to cut it off)' : `revoked ${device.revokedAt}`}.`,
    `Changes it sent that the server applied: ${await context.store.appliedFromDevice(deviceId)}.`,
  ];
  if (scope === undefined) return [...lines, 'Its role never receives personal data: the phone holds no household or person records.'];
  const counts = await context.store.countsInScope(account.hamletCodes === null ? { communeCode: scope.communeCode, hamletCodes: null } : scope);
  const total = { household: 0, person: 0, visit: 0 };
  const perHamlet = Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([hamlet, c]) => {
      total.household += c.household;
      total.person += c.person;
      total.visit += c.visit;
      return `  ${hamlet.padEnd(14)} ${c.household} households, ${c.person} people, ${c.visit} visits`;
    });
  return [
    ...lines,
    `Its scope: commune ${scope.communeCode}, ${account.hamletCodes === null ? 'every hamlet' : `hamlets ${account.hamletCodes.join(', ')}`}.`,
    `At most (everything of its scope now, if it synced since): ${total.household} households, ${total.person} people (names, birth years, phone kinds, statuses), ${total.visit} visits.`,
    ...perHamlet,
  ];
}
