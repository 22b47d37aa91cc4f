// Signing in, who am I, signing out, and a revoked token: on the real server with the demo
// accounts a new data folder gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVOKED_CODE } from '../../domain/accounts';
import { createHousehold, householdFields } from '../sync/test-mutations';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('signing in', () => {
  it('trades the demo password for a device token and the account', async () => {
    const answer = await server.signIn('demo.member');
    expect(answer.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.account).toEqual({
      userId: expect.any(String),
      username: 'demo.member',
      displayName: 'Thành viên (DEMO)',
      role: 'member',
      provinceCode: 'DEMO',
      communeCode: 'DEMO-XA',
      hamletCodes: null,
    });
    expect(answer.deviceId).toEqual(expect.any(String));
  });

  it('takes the username in any case and with spaces around it', async () => {
    const res = await server.call('POST', '/api/auth/sign-in', undefined, { username: ' Demo.Lead ', password: 'demo-ngo-so', deviceName: '' });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a wrong password', { username: 'demo.lead', password: 'wrong-one', deviceName: 'x' }, 401],
    ['an unknown username', { username: 'nobody.here', password: 'demo-ngo-so', deviceName: 'x' }, 401],
    ['no password', { username: 'demo.lead', password: '', deviceName: 'x' }, 400],
    ['a username with spaces inside', { username: 'demo lead', password: 'x', deviceName: 'x' }, 400],
  ])('refuses %s in plain words', async (_case, body, status) => {
    const res = await server.call('POST', '/api/auth/sign-in', undefined, body);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('never stores the token itself, only its hash', async () => {
    const { token } = await server.signIn('demo.member');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${server.dataDir}/ngo-so.sqlite`, { readonly: true });
    const hashes = db.prepare('SELECT token_hash FROM devices').all() as { token_hash: string }[];
    db.close();
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes.map((h) => h.token_hash)).not.toContain(token);
    for (const h of hashes) expect(h.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('GET /api/auth/me', () => {
  it('says whose the token is', async () => {
    const { token, account, deviceId } = await server.signIn('demo.member1');
    const res = await server.call('GET', '/api/auth/me', token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ account, deviceId, serverTime: expect.any(String) });
  });

  it('answers 401 without a token or with an unknown one', async () => {
    expect((await server.call('GET', '/api/auth/me', undefined)).status).toBe(401);
    const unknown = await server.call('GET', '/api/auth/me', 'A'.repeat(43));
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer');
    expect(await unknown.json()).toEqual({ error: expect.any(String) });
  });
});

describe('signing out and revoked devices', () => {
  it('revokes the token: every endpoint then answers 401 with the revoked code', async () => {
    const { token } = await server.signIn('demo.member');
    expect((await server.call('GET', '/api/sync/pull', token)).status).toBe(200);
    expect((await server.call('POST', '/api/auth/sign-out', token)).status).toBe(200);
    const calls: [string, string, unknown][] = [
      ['GET', '/api/auth/me', undefined],
      ['GET', '/api/sync/pull', undefined],
      ['POST', '/api/sync/push', { mutations: [createHousehold()] }],
      ['GET', '/api/areas', undefined],
      ['GET', '/api/devices', undefined],
      ['POST', '/api/auth/sign-out', undefined],
    ];
    for (const [method, path, body] of calls) {
      const res = await server.call(method, path, token, body);
      expect(res.status, path).toBe(401);
      expect(await res.json(), path).toEqual({ error: expect.any(String), code: REVOKED_CODE });
    }
  });
});

describe('GET /api/areas', () => {
  it('lists the province, the commune and the hamlets of a member', async () => {
    const { token } = await server.signIn('demo.member');
    const { areas } = (await (await server.call('GET', '/api/areas', token)).json()) as { areas: { code: string }[] };
    expect(areas.map((a) => a.code)).toEqual(['DEMO', 'DEMO-XA', 'DEMO-T3', 'DEMO-T2', 'DEMO-T1']);
  });

  it('lists only their hamlet to a member limited to one', async () => {
    const { token } = await server.signIn('demo.member1');
    const { areas } = (await (await server.call('GET', '/api/areas', token)).json()) as { areas: { code: string }[] };
    expect(areas.map((a) => a.code)).toEqual(['DEMO', 'DEMO-XA', 'DEMO-T1']);
  });
});

describe('push and pull with a device token', () => {
  it('stores a household under the account name and serves it back', async () => {
    const { token } = await server.signIn('demo.member');
    const push = await server.call('POST', '/api/sync/push', token, { mutations: [createHousehold('m-token-1', 'ho-token-1')] });
    expect(push.status).toBe(200);
    expect(((await push.json()) as { results: unknown[] }).results).toEqual([{ id: 'm-token-1', status: 'applied' }]);
    const pull = (await (await server.call('GET', '/api/sync/pull', token)).json()) as { records: { id: string; updatedBy: string }[] };
    expect(pull.records).toContainEqual(expect.objectContaining({ id: 'ho-token-1', updatedBy: 'Thành viên (DEMO)' }));
  });
});

describe('a lead revokes a lost phone', () => {
  it('lists the commune devices without any token, and the revoked phone can neither push nor pull', async () => {
    const lost = await server.signIn('demo.member', undefined, 'Samsung A05 của Lan');
    const lead = await server.signIn('demo.lead');
    const list = await server.call('GET', '/api/devices', lead.token);
    const text = await list.text();
    expect(text).not.toContain(lost.token);
    expect(text).not.toMatch(/hash/i);
    const { devices } = JSON.parse(text) as { devices: Record<string, unknown>[] };
    expect(devices.find((d) => d.deviceId === lost.deviceId)).toEqual({
      deviceId: lost.deviceId,
      name: 'Samsung A05 của Lan',
      userId: lost.account.userId,
      username: 'demo.member',
      displayName: 'Thành viên (DEMO)',
      communeCode: 'DEMO-XA',
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      revokedAt: null,
    });

    const revoke = await server.call('POST', `/api/devices/${lost.deviceId}/revoke`, lead.token);
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toMatchObject({ device: { deviceId: lost.deviceId, revokedAt: expect.any(String) } });

    for (const [method, path, body] of [
      ['POST', '/api/sync/push', { mutations: [createHousehold('m-lost', 'ho-lost')] }],
      ['GET', '/api/sync/pull', undefined],
      ['GET', '/api/auth/me', undefined],
    ] as const) {
      const res = await server.call(method, path, lost.token, body);
      expect(res.status, path).toBe(401);
      expect(await res.json(), path).toEqual({ error: expect.any(String), code: REVOKED_CODE });
    }
    // The same person signs in again on another phone and carries on.
    const again = await server.signIn('demo.member');
    expect((await server.call('GET', '/api/sync/pull', again.token)).status).toBe(200);
    expect(await (await server.call('GET', '/api/sync/pull', again.token)).text()).not.toContain('ho-lost');
  });

  it('answers 404 for a device id that is not in the commune', async () => {
    const lead = await server.signIn('demo.lead');
    expect((await server.call('POST', '/api/devices/not-a-device/revoke', lead.token)).status).toBe(404);
  });
});

describe('what a lost phone held', () => {
  it('reports the scope of the device and at most how many records it can hold, per hamlet, without names', async () => {
    const lost = await server.signIn('demo.member1', undefined, 'Điện thoại mất');
    const member = await server.signIn('demo.member');
    const inHamlet = (id: string, hamlet: string) => ({ ...createHousehold(`m-${id}`, id), hamletCode: hamlet, fields: { ...householdFields(id, hamlet) } });
    await server.call('POST', '/api/sync/push', member.token, { mutations: [inHamlet('ho-r1', 'DEMO-T1'), inHamlet('ho-r2', 'DEMO-T2')] });
    await server.call('POST', '/api/sync/push', lost.token, { mutations: [inHamlet('ho-r3', 'DEMO-T1')] });
    const report = (await server.admin(['device-report', lost.deviceId])).join('\n');
    expect(report).toMatch(/"Điện thoại mất" of demo.member1/);
    expect(report).toMatch(/NOT revoked/);
    expect(report).toMatch(/Changes it sent that the server applied: 1\./);
    expect(report).toMatch(/hamlets DEMO-T1/);
    expect(report).toMatch(/DEMO-T1\s+\d+ households/);
    expect(report).not.toMatch(/DEMO-T2/);
    expect(report).not.toMatch(/Nguyễn Văn An/);
  });
});

describe('records under a hamlet code the server does not list', () => {
  it('are read by the whole commune, not by a member limited to other hamlets, and not written by accounts', async () => {
    const legacy = await startTestServer({ sharedToken: { communeCode: 'DEMO-XA', token: 'old-shared-token' } });
    try {
      const old = { ...createHousehold('m-old', 'ho-old'), hamletCode: 'OLD-HAMLET', fields: { ...householdFields('ho-old', 'OLD-HAMLET') } };
      const pushed = await legacy.call('POST', '/api/sync/push', 'old-shared-token', { mutations: [old] }, { 'X-Device-Id': 'old-phone', 'X-User': 'Lan' });
      expect(((await pushed.json()) as { results: { status: string }[] }).results[0]?.status).toBe('applied');
      const lead = await legacy.signIn('demo.lead');
      const member1 = await legacy.signIn('demo.member1');
      expect(await (await legacy.call('GET', '/api/sync/pull', lead.token)).text()).toContain('ho-old');
      expect(await (await legacy.call('GET', '/api/sync/pull', member1.token)).text()).not.toContain('ho-old');
      const again = { ...old, id: 'm-old-2', entityId: 'ho-old-2', householdId: 'ho-old-2', fields: { ...householdFields('ho-old-2', 'OLD-HAMLET') } };
      const refused = (await (await legacy.call('POST', '/api/sync/push', lead.token, { mutations: [again] })).json()) as { results: { status: string }[] };
      expect(refused.results[0]?.status).toBe('rejected');
    } finally {
      await legacy.close();
    }
  });
});
