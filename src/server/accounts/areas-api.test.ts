// Hamlets over HTTP: a lead adds them (the server makes a code when none is given) and renames
// them; the names are checked, a taken code is refused, and members see the new hamlet at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let lead = '';
let member = '';

beforeAll(async () => {
  server = await startTestServer();
  lead = (await server.signIn('demo.lead')).token;
  member = (await server.signIn('demo.member')).token;
});
afterAll(async () => {
  await server.close();
});

describe('hamlets', () => {
  it('adds a hamlet with a code the server makes, which members then see and may record in', async () => {
    const res = await server.call('POST', '/api/areas/hamlets', lead, { name: '  Thôn Mới  ' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ area: { code: 'DEMO-XA-T1', name: 'Thôn Mới', level: 'hamlet', parentCode: 'DEMO-XA', demo: true } });
    const { areas } = (await (await server.call('GET', '/api/areas', member)).json()) as { areas: { code: string }[] };
    expect(areas.map((a) => a.code)).toContain('DEMO-XA-T1');
  });

  it('adds a hamlet under a code of the lead’s choosing, once', async () => {
    expect((await server.call('POST', '/api/areas/hamlets', lead, { code: 'DEMO-T9', name: 'Làng Chín' })).status).toBe(201);
    const again = await server.call('POST', '/api/areas/hamlets', lead, { code: 'DEMO-T9', name: 'Làng Khác' });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: 'The code DEMO-T9 is taken; choose another or leave it out.' });
  });

  it('renames a hamlet', async () => {
    const res = await server.call('PATCH', '/api/areas/hamlets/DEMO-T2', lead, { name: 'Thôn Đoài Mới' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ area: { code: 'DEMO-T2', name: 'Thôn Đoài Mới' } });
  });

  it.each([
    ['POST', '/api/areas/hamlets', { name: '' }, 400],
    ['POST', '/api/areas/hamlets', { name: 'x'.repeat(101) }, 400],
    ['POST', '/api/areas/hamlets', { name: 'Thôn', code: 'có dấu' }, 400],
    ['POST', '/api/areas/hamlets', '{"name":', 400],
    ['PATCH', '/api/areas/hamlets/DEMO-T1', { name: '   ' }, 400],
    ['PATCH', '/api/areas/hamlets/NO-SUCH', { name: 'Thôn' }, 404],
    ['PATCH', '/api/areas/hamlets/DEMO-XA', { name: 'Xã' }, 404],
    ['POST', '/api/areas/hamlets', { name: 'x', padding: 'y'.repeat(20_000) }, 413],
  ])('%s %s %j → %i', async (method, path, body, status) => {
    const res = await server.call(method, path, lead, body);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});
