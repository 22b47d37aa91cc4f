// The access matrix of docs/security.md, one rule per line: each role × its own or another area
// × read or write, through the HTTP API with real device tokens. Commune DEMO-XA (province DEMO)
// is "own"; commune XB in province P2 is "other". A refusal carries nothing but its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, PullResponse, PushResponse } from '../../domain/sync-protocol';
import { createHousehold, householdFields, mutation } from '../sync/test-mutations';
import { startTestServer, type TestServer } from './test-server';

type Who = 'member' | 'member1' | 'lead' | 'province' | 'admin';
const USERNAMES: Record<Who, string> = { member: 'demo.member', member1: 'demo.member1', lead: 'demo.lead', province: 'demo.province', admin: 'demo.admin' };

let server: TestServer;
const tokens = new Map<string, string>();
const deviceIds = new Map<string, string>();
let n = 0;
const token = (who: string) => tokens.get(who) ?? '';

/** A new household in a commune and hamlet, under ids no other case uses. */
function household(communeCode: string, hamletCode: string): Mutation {
  n += 1;
  const id = `ho-matrix-${n}`;
  return mutation({ id: `m-matrix-${n}`, entity: 'household', entityId: id, communeCode, hamletCode, householdId: id, fields: { ...householdFields(id, hamletCode), communeCode } });
}

async function pulledIds(who: string): Promise<string[]> {
  const page = (await (await server.call('GET', '/api/sync/pull?limit=2000', token(who))).json()) as PullResponse;
  return page.records.map((r) => r.id);
}

beforeAll(async () => {
  server = await startTestServer();
  for (const [who, username] of Object.entries(USERNAMES)) {
    const signedIn = await server.signIn(username);
    tokens.set(who, signedIn.token);
    deviceIds.set(who, signedIn.deviceId);
  }
  // The other province and commune, with their own people. (Loading real areas switches off
  // demo sign-ins; the demo devices signed in above keep working.)
  const file = `${server.dataDir}/other.json`;
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, JSON.stringify({ provinces: [{ code: 'P2', name: 'Tỉnh Khác', communes: [{ code: 'XB', name: 'Xã Khác', hamlets: [{ code: 'XB-T1', name: 'Thôn Khác' }] }] }] }));
  await server.admin(['load-areas', file]);
  const password = 'password-of-xb';
  await server.admin(['create-user', 'b.member', '--role', 'member', '--name', 'Người Xã Khác', '--commune', 'XB', '--password-stdin'], password);
  await server.admin(['create-user', 'b.lead', '--role', 'lead', '--name', 'Trưởng Xã Khác', '--commune', 'XB', '--password-stdin'], password);
  for (const who of ['b.member', 'b.lead']) {
    const signedIn = await server.signIn(who, password);
    tokens.set(who, signedIn.token);
    deviceIds.set(who, signedIn.deviceId);
  }
  // Records on both sides: one in XB, one in each of two hamlets of DEMO-XA.
  await server.call('POST', '/api/sync/push', token('b.member'), { mutations: [{ ...createHousehold('m-xb', 'ho-xb'), communeCode: 'XB', hamletCode: 'XB-T1', fields: { ...householdFields('ho-xb', 'XB-T1'), communeCode: 'XB' } }] });
  await server.call('POST', '/api/sync/push', token('member'), { mutations: [household('DEMO-XA', 'DEMO-T1'), { ...household('DEMO-XA', 'DEMO-T2'), entityId: 'ho-t2', householdId: 'ho-t2', id: 'm-t2', fields: { ...householdFields('ho-t2', 'DEMO-T2') } }] });
});
afterAll(async () => {
  await server.close();
});

/** Each action returns the HTTP status; `check` looks at the answer's body where it matters. */
type Action = (who: Who) => Promise<{ status: number; body: unknown }>;
const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as unknown });

const ACTIONS: Record<string, Action> = {
  'push a household to own commune, hamlet T1': async (who) => answer(await server.call('POST', '/api/sync/push', token(who), { mutations: [household('DEMO-XA', 'DEMO-T1')] })),
  'push a household to own commune, hamlet T2': async (who) => answer(await server.call('POST', '/api/sync/push', token(who), { mutations: [household('DEMO-XA', 'DEMO-T2')] })),
  'push a household to the other commune': async (who) => answer(await server.call('POST', '/api/sync/push', token(who), { mutations: [household('XB', 'XB-T1')] })),
  'pull own commune': async (who) => answer(await server.call('GET', '/api/sync/pull', token(who))),
  'pull the other commune': async (who) => answer(await server.call('GET', '/api/sync/pull?commune=XB', token(who))),
  'list own areas': async (who) => answer(await server.call('GET', '/api/areas', token(who))),
  'add a hamlet to own commune': async (who) => answer(await server.call('POST', '/api/areas/hamlets', token(who), { communeCode: 'DEMO-XA', name: `Thôn mới ${++n}` })),
  'add a hamlet to the other commune': async (who) => answer(await server.call('POST', '/api/areas/hamlets', token(who), { communeCode: 'XB', name: 'Thôn lạ' })),
  'rename a hamlet of own commune': async (who) => answer(await server.call('PATCH', '/api/areas/hamlets/DEMO-T3', token(who), { name: 'Bản Suối Cạn' })),
  'rename a hamlet of the other commune': async (who) => answer(await server.call('PATCH', '/api/areas/hamlets/XB-T1', token(who), { name: 'Đổi tên' })),
  'list devices': async (who) => answer(await server.call('GET', '/api/devices', token(who))),
  'revoke a device of the other commune': async (who) => answer(await server.call('POST', `/api/devices/${deviceIds.get('b.lead') ?? ''}/revoke`, token(who))),
  'see coverage of own province': async (who) => answer(await server.call('GET', '/api/province/coverage?province=DEMO', token(who))),
  'see coverage of the other province': async (who) => answer(await server.call('GET', '/api/province/coverage?province=P2', token(who))),
};

type Rule = [Who, keyof typeof ACTIONS, number, string];

// prettier-ignore
const MATRIX: Rule[] = [
  ['member',   'push a household to own commune, hamlet T1', 200, 'applied'],
  ['member',   'push a household to own commune, hamlet T2', 200, 'applied'],
  ['member',   'push a household to the other commune',      403, ''],
  ['member',   'pull own commune',                            200, ''],
  ['member',   'pull the other commune',                      403, ''],
  ['member',   'list own areas',                              200, ''],
  ['member',   'add a hamlet to own commune',                 403, ''],
  ['member',   'rename a hamlet of own commune',              403, ''],
  ['member',   'list devices',                                200, 'own devices only'],
  ['member',   'revoke a device of the other commune',        404, ''],
  ['member',   'see coverage of own province',                403, ''],
  ['member1',  'push a household to own commune, hamlet T1', 200, 'applied'],
  ['member1',  'push a household to own commune, hamlet T2', 200, 'rejected'],
  ['member1',  'push a household to the other commune',      403, ''],
  ['member1',  'pull own commune',                            200, 'hamlet T1 only'],
  ['member1',  'pull the other commune',                      403, ''],
  ['lead',     'push a household to own commune, hamlet T2', 200, 'applied'],
  ['lead',     'push a household to the other commune',      403, ''],
  ['lead',     'pull own commune',                            200, ''],
  ['lead',     'pull the other commune',                      403, ''],
  ['lead',     'add a hamlet to own commune',                 201, ''],
  ['lead',     'add a hamlet to the other commune',           403, ''],
  ['lead',     'rename a hamlet of own commune',              200, ''],
  ['lead',     'rename a hamlet of the other commune',        403, ''],
  ['lead',     'list devices',                                200, 'own commune only'],
  ['lead',     'revoke a device of the other commune',        404, ''],
  ['lead',     'see coverage of own province',                403, ''],
  ['province', 'push a household to own commune, hamlet T1', 403, ''],
  ['province', 'pull own commune',                            403, ''],
  ['province', 'list own areas',                              200, ''],
  ['province', 'add a hamlet to own commune',                 403, ''],
  ['province', 'see coverage of own province',                200, 'numbers only'],
  ['province', 'see coverage of the other province',          403, ''],
  ['admin',    'push a household to own commune, hamlet T1', 403, ''],
  ['admin',    'pull own commune',                            403, ''],
  ['admin',    'add a hamlet to own commune',                 403, ''],
  ['admin',    'see coverage of the other province',          200, 'numbers only'],
];

describe('the access matrix', () => {
  it.each(MATRIX)('%s: %s → %i %s', async (who, action, status, detail) => {
    const { status: got, body } = await ACTIONS[action]?.(who) ?? { status: 0, body: null };
    expect(got).toBe(status);
    const text = JSON.stringify(body);
    if (status === 403 || status === 404) expect(Object.keys(body as object)).toEqual(['error']);
    // Nothing of the other commune ever appears in an answer to a DEMO-XA account.
    expect(text).not.toMatch(/ho-xb|Người Xã Khác|Trưởng Xã Khác|Thôn Khác/);
    if (detail === 'applied' || detail === 'rejected') expect((body as PushResponse).results[0]?.status).toBe(detail);
    if (detail === 'hamlet T1 only') expect(text).not.toMatch(/ho-t2/);
    if (detail === 'own devices only') expect((body as { devices: { username: string }[] }).devices.map((d) => d.username)).toEqual([USERNAMES[who]]);
    if (detail === 'own commune only') {
      const names = (body as { devices: { username: string }[] }).devices.map((d) => d.username);
      expect(new Set(names)).toEqual(new Set(['demo.member', 'demo.member1', 'demo.lead']));
      expect(text).not.toMatch(/token|hash/i);
    }
    if (detail === 'numbers only') expect(text).not.toMatch(/Nguyễn Văn An|Trần Thị Bình|headName|birthYear/);
  });
});

describe('what each answer holds', () => {
  it('gives the member of DEMO-XA every record of DEMO-XA and none of XB', async () => {
    const ids = await pulledIds('member');
    expect(ids).toContain('ho-t2');
    expect(ids).not.toContain('ho-xb');
    expect(await pulledIds('b.member')).toEqual(['ho-xb']);
  });

  it('counts the stored households of each commune of the province for its officer', async () => {
    const body = (await (await server.call('GET', '/api/province/coverage?province=DEMO', token('province'))).json()) as {
      communes: { code: string; households: number; indicators: { id: string; n: number; N: number }[] }[];
    };
    expect(body.communes.map((c) => c.code)).toEqual(['DEMO-XA']);
    const fiber = body.communes[0]?.indicators.find((i) => i.id === 'fiber');
    expect(fiber?.N).toBe(body.communes[0]?.households);
    expect(body.communes[0]?.households).toBeGreaterThanOrEqual(2);
  });

  it('lets an officer ask for their province without naming it', async () => {
    expect((await server.call('GET', '/api/province/coverage', token('province'))).status).toBe(200);
  });
});
