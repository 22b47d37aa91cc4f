// Areas over HTTP: GET /api/areas lists what the caller works in (phones take their hamlets from
// it); a commune lead adds hamlets (POST /api/areas/hamlets) and renames them (PATCH).
import { Hono } from 'hono';
import { NewHamletRequest, RenameHamletRequest, type Area } from '../../domain/areas';
import { fail, firstProblem, forbidden, readJson, requireSession, type ApiEnv } from '../http-kit';
import { jsonResponse } from '../json-response';
import { areasInScope, leadsCommune, type Session } from './access';
import type { Authenticate } from './session';
import type { AccountStore } from './store';

export type AreasApiOptions = { accounts: AccountStore; authenticate: Authenticate; now: () => number };

/** The first free code "<commune>-T<n>" for a new hamlet. */
export function nextHamletCode(accounts: AccountStore, communeCode: string): string {
  for (let n = 1; ; n++) {
    const code = `${communeCode}-T${n}`;
    if (accounts.area(code) === undefined) return code;
  }
}

function visibleAreas(session: Session, accounts: AccountStore): Area[] {
  const all = accounts.allAreas();
  if (session.kind === 'account') return areasInScope(session.account, all);
  const commune = all.find((a) => a.code === session.scope.communeCode);
  return commune === undefined ? [] : [...all.filter((a) => a.code === commune.parentCode), commune, ...all.filter((a) => a.parentCode === commune.code)];
}

export function areasApi({ accounts, authenticate, now }: AreasApiOptions): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', requireSession(authenticate, now));

  app.get('/', (c) => jsonResponse(200, { areas: visibleAreas(c.get('session'), accounts) }));

  app.post('/hamlets', async (c) => {
    const session = c.get('session');
    if (session.kind !== 'account' || session.account.role !== 'lead') return forbidden('add hamlets: only a commune lead may');
    const body = await readJson(c.req.raw);
    if (!body.ok) return body.response;
    const parsed = NewHamletRequest.safeParse(body.value);
    if (!parsed.success) return fail(400, `The hamlet is not valid: ${firstProblem(parsed.error.issues)}`);
    const communeCode = parsed.data.communeCode ?? session.account.communeCode ?? '';
    if (!leadsCommune(session.account, communeCode)) return forbidden('add hamlets to a commune it does not lead');
    const commune = accounts.area(communeCode);
    if (commune === undefined) return fail(404, 'The commune of this account is not on the server; ask the administrator to load it.');
    const code = parsed.data.code ?? nextHamletCode(accounts, communeCode);
    if (accounts.area(code) !== undefined) return fail(409, `The code ${code} is taken; choose another or leave it out.`);
    const hamlet: Area = { code, name: parsed.data.name, level: 'hamlet', parentCode: communeCode, ...(commune.demo === true ? { demo: true } : {}) };
    accounts.putArea(hamlet, new Date(now()).toISOString());
    return jsonResponse(201, { area: hamlet });
  });

  app.patch('/hamlets/:code', async (c) => {
    const session = c.get('session');
    if (session.kind !== 'account' || session.account.role !== 'lead') return forbidden('rename hamlets: only a commune lead may');
    const hamlet = accounts.area(c.req.param('code'));
    if (hamlet === undefined || hamlet.level !== 'hamlet') return fail(404, 'There is no hamlet with this code.');
    if (!leadsCommune(session.account, hamlet.parentCode ?? '')) return forbidden('rename a hamlet of a commune it does not lead');
    const body = await readJson(c.req.raw);
    if (!body.ok) return body.response;
    const parsed = RenameHamletRequest.safeParse(body.value);
    if (!parsed.success) return fail(400, `The hamlet is not valid: ${firstProblem(parsed.error.issues)}`);
    const renamed: Area = { ...hamlet, name: parsed.data.name };
    accounts.putArea(renamed, new Date(now()).toISOString());
    return jsonResponse(200, { area: renamed });
  });

  return app;
}
