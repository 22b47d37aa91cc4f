import { describe, expect, it } from 'vitest';
import type { Account } from '../domain/accounts';
import { addHamlet, fetchAreas, fetchMe, listDevices, renameHamlet, revokeDevice, signIn, signOut, type Device } from './account-api';

const account: Account = {
  userId: 'u1',
  username: 'demo.member',
  displayName: 'Lò Văn Tổ (DEMO)',
  role: 'member',
  provinceCode: 'DEMO',
  communeCode: 'DEMO-XA',
  hamletCodes: null,
};
const SERVER_TIME = '2026-03-05T08:00:00.000Z';

type Seen = { url: string; method: string; headers: Record<string, string>; body: unknown };

/** A fetch that answers every request with `status` and `body`, and remembers what it saw. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const seen: Seen[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    seen.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  };
  return { seen, options: { baseUrl: 'http://commune.test/', fetch } };
}

const REVOKED = { error: 'revoked', code: 'revoked' };
const request = { username: 'demo.member', password: 'mat-khau-demo', deviceName: 'Điện thoại của Tổ' };

describe('account API', () => {
  it('signs in with username, password and device name, and checks the answer', async () => {
    const { seen, options } = answering(200, { token: 't0k3n', deviceId: 'd1', account, serverTime: SERVER_TIME });
    expect(await signIn(options, request)).toEqual({ ok: true, value: { token: 't0k3n', deviceId: 'd1', account, serverTime: SERVER_TIME } });
    expect(seen).toEqual([{ url: 'http://commune.test/api/auth/sign-in', method: 'POST', headers: expect.objectContaining({ 'content-type': 'application/json' }), body: request }]);
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('sorts the ways a sign-in fails', async () => {
    expect(await signIn(answering(401, { error: 'wrong' }).options, request)).toEqual({ ok: false, failure: { kind: 'unauthorized', detail: 'wrong' } });
    expect(await signIn(answering(429, { error: 'slow down' }, { 'Retry-After': '60' }).options, request)).toEqual({ ok: false, failure: { kind: 'rate-limited', retryAfterMs: 60_000 } });
    expect(await signIn(answering(503, {}).options, request)).toEqual({ ok: false, failure: { kind: 'server', status: 503 } });
    expect(await signIn(answering(200, { token: 't', account: { ...account, role: 'king' } }).options, request)).toEqual({ ok: false, failure: { kind: 'bad-response' } });
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await signIn({ baseUrl: '', fetch: offline }, request)).toEqual({ ok: false, failure: { kind: 'offline' } });
    const hang: typeof fetch = (_input, init) => new Promise((_, fail) => init?.signal?.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError'))));
    expect(await signIn({ baseUrl: '', fetch: hang, timeoutMs: 10 }, request)).toEqual({ ok: false, failure: { kind: 'timeout' } });
  });

  it('asks who am I with the token, and tells a revoked token apart from an unknown one', async () => {
    const me = answering(200, { account, serverTime: SERVER_TIME });
    expect(await fetchMe(me.options, 't0k3n')).toEqual({ ok: true, value: account });
    expect(me.seen[0]?.headers.authorization).toBe('Bearer t0k3n');
    expect(await fetchMe(answering(401, REVOKED).options, 't')).toEqual({ ok: false, failure: { kind: 'revoked' } });
    expect(await fetchMe(answering(401, { error: 'unknown token' }).options, 't')).toEqual({ ok: false, failure: { kind: 'unauthorized', detail: 'unknown token' } });
  });

  it('takes the areas as a list or as { areas }, and refuses areas that do not match the schema', async () => {
    const areas = [
      { code: 'DEMO-XA', name: 'Xã Thử Nghiệm (DEMO)', level: 'commune', parentCode: 'DEMO', demo: true },
      { code: 'DEMO-T1', name: 'Thôn Đông', level: 'hamlet', parentCode: 'DEMO-XA', demo: true },
    ];
    expect(await fetchAreas(answering(200, areas).options, 't')).toEqual({ ok: true, value: areas });
    expect(await fetchAreas(answering(200, { areas, serverTime: SERVER_TIME }).options, 't')).toEqual({ ok: true, value: areas });
    expect(await fetchAreas(answering(200, { areas: [{ code: '', name: 'x', level: 'hamlet' }] }).options, 't')).toEqual({ ok: false, failure: { kind: 'bad-response' } });
    expect(await fetchAreas(answering(401, REVOKED).options, 't')).toEqual({ ok: false, failure: { kind: 'revoked' } });
  });

  it('signs out; a token the server already revoked counts as signed out', async () => {
    const out = answering(204, null);
    expect(await signOut(out.options, 't0k3n')).toEqual({ ok: true, value: null });
    expect(out.seen[0]).toMatchObject({ method: 'POST', url: 'http://commune.test/api/auth/sign-out', headers: { authorization: 'Bearer t0k3n' } });
    expect(await signOut(answering(401, REVOKED).options, 't')).toEqual({ ok: true, value: null });
    expect(await signOut(answering(500, {}).options, 't')).toEqual({ ok: false, failure: { kind: 'server', status: 500 } });
  });

  it('adds and renames a hamlet with the token, and tells a refusal by its status', async () => {
    const area = { code: 'DEMO-XA-T1', name: 'Thôn Mới', level: 'hamlet', parentCode: 'DEMO-XA', demo: true };
    const added = answering(201, { area });
    expect(await addHamlet(added.options, 't0k3n', { name: 'Thôn Mới' })).toEqual({ ok: true, value: area });
    expect(added.seen[0]).toMatchObject({ method: 'POST', url: 'http://commune.test/api/areas/hamlets', headers: { authorization: 'Bearer t0k3n' }, body: { name: 'Thôn Mới' } });
    const renamed = answering(200, { area: { ...area, name: 'Thôn Mới Hơn' } });
    expect(await renameHamlet(renamed.options, 't', 'DEMO-XA-T1', { name: 'Thôn Mới Hơn' })).toMatchObject({ ok: true, value: { name: 'Thôn Mới Hơn' } });
    expect(renamed.seen[0]).toMatchObject({ method: 'PATCH', url: 'http://commune.test/api/areas/hamlets/DEMO-XA-T1', body: { name: 'Thôn Mới Hơn' } });
    expect(await addHamlet(answering(409, { error: 'taken' }).options, 't', { name: 'x', code: 'T1' })).toEqual({ ok: false, failure: { kind: 'refused', status: 409, detail: 'taken' } });
    expect(await renameHamlet(answering(200, { area: { code: 'T1' } }).options, 't', 'T1', { name: 'x' })).toEqual({ ok: false, failure: { kind: 'bad-response' } });
  });

  it('lists the devices and revokes one by its id', async () => {
    const device: Device = {
      deviceId: 'd/1', name: 'Samsung A05 của Lan', userId: 'u1', username: 'demo.member', displayName: 'Thành viên (DEMO)',
      communeCode: 'DEMO-XA', createdAt: SERVER_TIME, lastSeenAt: SERVER_TIME, revokedAt: null,
    };
    expect(await listDevices(answering(200, { devices: [device] }).options, 't')).toEqual({ ok: true, value: [device] });
    expect(await listDevices(answering(200, { devices: [{ ...device, revokedAt: 5 }] }).options, 't')).toEqual({ ok: false, failure: { kind: 'bad-response' } });
    const revoked = answering(200, { device: { ...device, revokedAt: SERVER_TIME } });
    expect(await revokeDevice(revoked.options, 't', 'd/1')).toEqual({ ok: true, value: { ...device, revokedAt: SERVER_TIME } });
    expect(revoked.seen[0]).toMatchObject({ method: 'POST', url: 'http://commune.test/api/devices/d%2F1/revoke' });
    expect(await revokeDevice(answering(404, { error: 'no such device' }).options, 't', 'x')).toEqual({ ok: false, failure: { kind: 'refused', status: 404, detail: 'no such device' } });
  });
});
