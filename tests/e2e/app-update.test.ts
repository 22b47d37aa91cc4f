// A new version of the app is announced, and waits: nobody is reloaded in the middle of an
// interview. The "new version" is the built app with a changed service worker, as a deploy makes.
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/main';
import { distDir, ensureBuilt } from './support/server';
import { useBrowser } from './support/browser';
import { recorder } from './page-models/recorder';

const session = useBrowser();
let deployDir = '';
let server: RunningServer | undefined;

beforeAll(async () => {
  ensureBuilt();
  deployDir = mkdtempSync(join(tmpdir(), 'ngo-so-deploy-'));
  cpSync(distDir, deployDir, { recursive: true });
  server = await startServer({ port: 0, host: '127.0.0.1', distDir: deployDir });
});
afterAll(async () => {
  await server?.close();
  rmSync(deployDir, { recursive: true, force: true });
});

describe('a new version of the app', () => {
  it('is offered only once the open form is saved, and reloads into the new version', async () => {
    const { page } = session;
    const app = recorder(page);
    await page.goto(new URL('/', server?.url).href);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await app.signInAsDemo('demo.member');
    await app.openHamlet('Bản Suối Cạn');
    await app.startNewHousehold();
    await app.fillHousehold({ head: 'Vàng A Dình', houseNumber: '3', phone: '', fiber: false });

    appendFileSync(join(deployDir, 'sw.js'), '\n// next version\n');
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state === 'installed');
    // The update is known now; give the page a moment to (wrongly) show or apply it.
    await page.waitForTimeout(500);
    await expect(page.getByText('Đã có phiên bản mới của Ngõ Số.').count()).resolves.toBe(0);
    await expect(page.getByLabel('Họ tên chủ hộ').inputValue()).resolves.toBe('Vàng A Dình');

    await app.save();
    await app.householdRow('Vàng A Dình').waitFor();
    await page.getByText('Đã có phiên bản mới của Ngõ Số.').waitFor();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Cập nhật ngay' }).click()]);
    await app.unlock();
    await app.householdRow('Vàng A Dình').waitFor();
    await expect(
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return { waiting: registration?.waiting ?? null, controlled: navigator.serviceWorker.controller !== null };
      }),
    ).resolves.toEqual({ waiting: null, controlled: true });
  });
});
