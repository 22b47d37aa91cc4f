// GET /api/province/coverage: for a province officer, each commune of the province as numbers
// only, n/N per indicator (computeCoverage over the stored complete records). No names, no
// birth years, no phones; no hamlet breakdown, where counts get small enough to point at people.
import { Hono } from 'hono';
import { computeCoverage } from '../../domain/coverage';
import { forbidden, fail, requireSession, type ApiEnv } from '../http-kit';
import { jsonResponse } from '../json-response';
import type { SyncStore } from '../sync/store';
import { communesForCoverage } from './access';
import type { Authenticate } from './session';
import type { AccountStore } from './store';

export type ProvinceApiOptions = { store: SyncStore; accounts: AccountStore; authenticate: Authenticate; now: () => number };

export type CommuneCoverage = {
  code: string;
  name: string;
  households: number;
  indicators: { id: string; name: string; n: number; N: number; percent: number | null; target: number | null; met: boolean | null }[];
};

export function provinceApi({ store, accounts, authenticate, now }: ProvinceApiOptions): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', requireSession(authenticate, now));

  app.get('/coverage', async (c) => {
    const session = c.get('session');
    if (session.kind !== 'account') return forbidden('see province numbers: sign in as a province officer');
    const { account } = session;
    const provinceCode = c.req.query('province') ?? (account.role === 'province' ? account.provinceCode : undefined);
    if (provinceCode === undefined) return fail(400, 'Name the province: ?province=<code>.');
    const communes = communesForCoverage(account, provinceCode, accounts.allAreas());
    if (communes === undefined) return forbidden('see the numbers of this province: only its province officers may');
    const province = accounts.area(provinceCode);
    if (province === undefined || province.level !== 'province') return fail(404, 'There is no province with this code.');
    const nowMs = now();
    const year = new Date(nowMs).getUTCFullYear();
    const rows: CommuneCoverage[] = [];
    for (const commune of communes) {
      const { households, people } = await store.completeRecords(commune.code);
      const coverage = computeCoverage({ households, people, year });
      rows.push({
        code: commune.code,
        name: commune.name,
        households: households.length,
        indicators: coverage.map(({ indicator, commune: total }) => ({ id: indicator.id, name: indicator.name, ...total })),
      });
    }
    return jsonResponse(
      200,
      { province: { code: province.code, name: province.name }, year, communes: rows, serverTime: new Date(nowMs).toISOString() },
      { acceptEncoding: c.req.header('accept-encoding') },
    );
  });

  return app;
}
