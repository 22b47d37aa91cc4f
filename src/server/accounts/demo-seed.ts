// The demo a fresh server sets up, so a newcomer can sign in within a minute: the demo province,
// commune and hamlets of DEMO_AREAS and one account per role, all with the same documented
// password. Demo only: these accounts stop signing in once real areas are loaded.
import type { Role } from '../../domain/accounts';
import { DEMO_AREAS, DEMO_COMMUNE_CODE, DEMO_PROVINCE_CODE } from '../../domain/demo-commune';
import { hashPassword } from './passwords';
import type { AccountStore } from './store';

/** Printed on first run and written in README/docs: it protects invented data only. */
export const DEMO_PASSWORD = 'demo-ngo-so';

type DemoAccount = { username: string; displayName: string; role: Role; communeCode: string | null; hamletCodes: string[] | null };

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'demo.lead', displayName: 'Tổ trưởng (DEMO)', role: 'lead', communeCode: DEMO_COMMUNE_CODE, hamletCodes: null },
  { username: 'demo.member', displayName: 'Thành viên (DEMO)', role: 'member', communeCode: DEMO_COMMUNE_CODE, hamletCodes: null },
  { username: 'demo.member1', displayName: 'Thành viên Thôn Đông (DEMO)', role: 'member', communeCode: DEMO_COMMUNE_CODE, hamletCodes: ['DEMO-T1'] },
  { username: 'demo.province', displayName: 'Cán bộ tỉnh (DEMO)', role: 'province', communeCode: null, hamletCodes: null },
  { username: 'demo.admin', displayName: 'Quản trị (DEMO)', role: 'admin', communeCode: null, hamletCodes: null },
];

export async function seedDemo(accounts: AccountStore, nowIso: string): Promise<void> {
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  for (const area of DEMO_AREAS) accounts.putArea(area, nowIso);
  DEMO_ACCOUNTS.forEach((a, i) => {
    accounts.createAccount(
      {
        ...a,
        provinceCode: a.role === 'admin' ? '' : DEMO_PROVINCE_CODE,
        passwordHash: hashes[i] ?? '',
        demo: true,
      },
      nowIso,
    );
  });
}

/** Whether the demo accounts can still sign in: not locked, and no real area loaded. */
export function demoAccountsActive(accounts: AccountStore): boolean {
  const member = accounts.accountByUsername('demo.member');
  return member?.demo === true && member.passwordHash.startsWith('scrypt$') && !accounts.hasRealAreas();
}

/** What `npm start` prints after setting up the demo. */
export function demoInstructions(url: string): string[] {
  return [
    'Ngõ Số: the data folder was empty, so a DEMO province, commune (DEMO-XA) and hamlets were created, with demo accounts:',
    ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(14)} ${a.role}${a.hamletCodes === null ? '' : ` (hamlet ${a.hamletCodes.join(', ')} only)`}`),
    `  password for all of them: ${DEMO_PASSWORD}  (DEMO ONLY: invented data; these accounts stop working once real areas are loaded)`,
    `  Open ${url} and sign in as demo.member. Real areas and accounts: npm run admin -- help`,
  ];
}
