// First run: an empty data folder gets the demo areas and accounts; a folder that already holds
// a database never gets them again, even when every demo account was changed or locked; and
// demo accounts stop signing in once real areas are loaded.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_AREAS } from '../../domain/demo-commune';
import { runAdmin } from '../admin';
import { startServer } from '../main';
import { DATABASE_FILE, openDatabase } from '../sync/sqlite-store';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-seed';
import { sqliteAccountStore } from './sqlite-accounts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ngo-so-first-run-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const start = () => startServer({ port: 0, host: '127.0.0.1', distDir: join(dir, 'dist'), dataDir: join(dir, 'data'), sharedToken: null });
const signIn = (url: string, username: string) =>
  fetch(new URL('/api/auth/sign-in', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceName: 'x' }) });
const admin = (args: string[]) => runAdmin(args, { out: () => {}, err: () => {}, readStdin: async () => '', env: { DATA_DIR: join(dir, 'data') } });

describe('the first run', () => {
  it('sets up the demo areas and one account per role on an empty data folder, once', async () => {
    const first = await start();
    expect(first).toMatchObject({ demoCreated: true, demoActive: true });
    for (const { username } of DEMO_ACCOUNTS) expect((await signIn(first.url, username)).status, username).toBe(200);
    await first.close();

    const db = openDatabase(join(dir, 'data', DATABASE_FILE));
    const store = sqliteAccountStore(db);
    expect(store.allAreas().map((a) => a.code).sort()).toEqual(DEMO_AREAS.map((a) => a.code).sort());
    expect(store.allAreas().every((a) => a.demo === true)).toBe(true);
    store.disableDemoAccounts('test', new Date().toISOString());
    db.close();

    const second = await start();
    expect(second).toMatchObject({ demoCreated: false, demoActive: false });
    expect((await signIn(second.url, 'demo.member')).status).toBe(401);
    await second.close();
  });

  it('does not set up the demo where the admin command made the database first', async () => {
    await writeFile(join(dir, 'areas.json'), JSON.stringify({ provinces: [{ code: '51', name: 'Quảng Ngãi', communes: [{ code: '21700', name: 'Xã Trà Bồng' }] }] }));
    expect(await admin(['load-areas', join(dir, 'areas.json')])).toBe(0);
    const server = await start();
    expect(server.demoCreated).toBe(false);
    expect((await signIn(server.url, 'demo.member')).status).toBe(401);
    await server.close();
  });

  it('switches the demo accounts off once real areas are loaded', async () => {
    const server = await start();
    await writeFile(join(dir, 'areas.json'), JSON.stringify({ provinces: [{ code: '51', name: 'Quảng Ngãi', communes: [{ code: '21700', name: 'Xã Trà Bồng' }] }] }));
    expect(await admin(['load-areas', join(dir, 'areas.json')])).toBe(0);
    const refused = await signIn(server.url, 'demo.admin');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/Demo accounts are switched off/) });
    await server.close();
  });

  it('takes the old demo token only while the demo is active', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', distDir: join(dir, 'dist'), dataDir: join(dir, 'data') });
    const pull = () => fetch(new URL('/api/sync/pull', server.url), { headers: { Authorization: 'Bearer ngo-so-demo', 'X-Device-Id': 'phone', 'X-User': 'Lan' } });
    expect((await pull()).status).toBe(200);
    await writeFile(join(dir, 'areas.json'), JSON.stringify({ provinces: [{ code: '51', name: 'Quảng Ngãi', communes: [{ code: '21700', name: 'Xã Trà Bồng' }] }] }));
    expect(await admin(['load-areas', join(dir, 'areas.json')])).toBe(0);
    expect((await pull()).status).toBe(401);
    await server.close();
  });
});
