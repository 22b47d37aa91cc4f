// Creating an account and setting a password, with every rule checked first: a valid username
// not yet taken, a role with the area it needs (a commune, its own hamlets, a province), a
// password long enough. Used by the admin command; plain-words errors.
import { Account, MIN_PASSWORD_LENGTH, Role, Username } from '../../domain/accounts';
import { hashPassword } from './passwords';
import type { AccountStore } from './store';

export type AccountDraft = {
  username: string;
  displayName: string;
  role: string;
  communeCode?: string;
  provinceCode?: string;
  hamletCodes?: readonly string[];
};

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

type Placement = Pick<Account, 'provinceCode' | 'communeCode' | 'hamletCodes'>;

function placement(accounts: AccountStore, role: Role, draft: AccountDraft): Checked<Placement> {
  if (role === 'admin') {
    if (draft.communeCode !== undefined || draft.provinceCode !== undefined) return { ok: false, error: 'an admin works everywhere: give no --commune or --province' };
    return { ok: true, value: { provinceCode: '', communeCode: null, hamletCodes: null } };
  }
  if (role === 'province') {
    const province = draft.provinceCode === undefined ? undefined : accounts.area(draft.provinceCode);
    if (province?.level !== 'province') return { ok: false, error: 'a province officer needs --province with the code of a loaded province' };
    if (draft.communeCode !== undefined || draft.hamletCodes !== undefined) return { ok: false, error: 'a province officer sees whole communes: give no --commune or --hamlets' };
    return { ok: true, value: { provinceCode: province.code, communeCode: null, hamletCodes: null } };
  }
  const commune = draft.communeCode === undefined ? undefined : accounts.area(draft.communeCode);
  if (commune?.level !== 'commune') return { ok: false, error: `a ${role} needs --commune with the code of a loaded commune` };
  if (draft.hamletCodes === undefined) return { ok: true, value: { provinceCode: commune.parentCode ?? '', communeCode: commune.code, hamletCodes: null } };
  if (role === 'lead') return { ok: false, error: 'a lead works in the whole commune: give no --hamlets' };
  const own = new Set(accounts.childrenOf(commune.code).map((h) => h.code));
  const stranger = draft.hamletCodes.find((h) => !own.has(h));
  if (stranger !== undefined) return { ok: false, error: `${stranger} is not a hamlet of ${commune.code}; add it first with add-hamlet` };
  if (draft.hamletCodes.length === 0) return { ok: false, error: '--hamlets needs at least one hamlet code' };
  return { ok: true, value: { provinceCode: commune.parentCode ?? '', communeCode: commune.code, hamletCodes: [...new Set(draft.hamletCodes)] } };
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `the password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return 'the password may have at most 200 characters';
  return undefined;
}

export async function createAccountChecked(accounts: AccountStore, draft: AccountDraft, password: string, nowIso: string): Promise<Checked<Account>> {
  const username = Username.safeParse(draft.username);
  if (!username.success) return { ok: false, error: `the username "${draft.username}" is not valid: 3 to 40 lowercase letters without accents, digits, dots, dashes` };
  if (accounts.accountByUsername(username.data) !== undefined) return { ok: false, error: `the username ${username.data} is taken` };
  const role = Role.safeParse(draft.role);
  if (!role.success) return { ok: false, error: `the role must be one of member, lead, province, admin (not "${draft.role}")` };
  const displayName = draft.displayName.trim();
  if (displayName === '' || displayName.length > 100) return { ok: false, error: 'give the person\'s full name with --name (1 to 100 characters)' };
  const where = placement(accounts, role.data, draft);
  if (!where.ok) return where;
  const weak = passwordProblem(password);
  if (weak !== undefined) return { ok: false, error: weak };
  const account = accounts.createAccount({ username: username.data, displayName, role: role.data, ...where.value, passwordHash: await hashPassword(password) }, nowIso);
  return { ok: true, value: account };
}

export async function resetPasswordChecked(accounts: AccountStore, username: string, password: string, nowIso: string): Promise<Checked<Account>> {
  const account = accounts.accountByUsername(username.trim().toLowerCase());
  if (account === undefined) return { ok: false, error: `there is no account ${username}` };
  const weak = passwordProblem(password);
  if (weak !== undefined) return { ok: false, error: weak };
  accounts.setPassword(account.userId, await hashPassword(password), nowIso);
  const { passwordHash: _h, demo: _d, ...shared } = account;
  return { ok: true, value: shared };
}
