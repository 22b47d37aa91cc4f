// The demo first run on a fresh server: sign in, set a PIN, record with no signal, reopen the
// app offline with the PIN, sync; then sign out and find nothing personal left on the phone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppServer } from './support/server';
import { useBrowser } from './support/browser';
import { readPhoneStorage } from './support/phone-storage';
import { DEMO_NAMES, DEMO_PIN, recorder } from './page-models/recorder';

const server = useAppServer();
const session = useBrowser();

async function openFresh(page: Page) {
  await page.goto(server.url('/'));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** Everything personal the journeys below record: none of it may stay after sign-out. */
const HEAD = 'Đặng Thị Ngọc Ánh';
const MEMBER = 'Đặng Văn Khoa';
const PHONE = '0987111222';

async function recordHousehold(page: Page, hamlet: string) {
  const app = recorder(page);
  await app.openHamlet(hamlet);
  await app.startNewHousehold();
  await app.fillHousehold({ head: HEAD, houseNumber: '21', phone: PHONE, fiber: true });
  await app.addMember({ name: MEMBER, birthYear: 1990, phone: 'Điện thoại thông minh' });
  await app.save();
  await app.householdRow(HEAD).getByText('Chỉ lưu trên máy, chưa gửi').waitFor();
}

function expectNothingPersonal(text: string) {
  for (const secret of [HEAD, MEMBER, PHONE, 'ngoc', 'khoa']) expect(text, `"${secret}" is still on the phone`).not.toContain(secret);
}

describe('signing in and out', () => {
  it('the demo first run: sign in, PIN, record offline, reopen offline with the PIN, sync, sign out with nothing personal left', async () => {
    const { page, context } = session;
    const app = recorder(page);
    await openFresh(page);
    await page.getByRole('heading', { name: 'Đăng nhập Ngõ Số' }).waitFor();
    await page.getByRole('heading', { name: 'Dùng thử: tài khoản DEMO' }).waitFor();

    await app.signInAsDemo('demo.member');
    await page.getByText(`Đang dùng: ${DEMO_NAMES['demo.member']}`).waitFor();

    await context.setOffline(true);
    await recordHousehold(page, 'Thôn Đoài');

    // The app is closed and opened again, still with no signal: the PIN opens it.
    await page.reload();
    await app.unlock('1111');
    await page.getByText('Sai mã PIN. Còn 4 lần thử.').waitFor();
    await app.unlock(DEMO_PIN);
    await app.openHamlet('Thôn Đoài');
    await app.householdRow(HEAD).getByText('Chỉ lưu trên máy, chưa gửi').waitFor();

    await context.setOffline(false);
    await app.syncNow();
    await app.openHamlet('Thôn Đoài');
    await app.householdRow(HEAD).getByText('Máy chủ đã xác nhận').waitFor();
    // The reader below does find the household while the account is signed in.
    const before = await readPhoneStorage(page);
    expect(before.text).toContain(HEAD);
    expectNothingPersonal(JSON.stringify(before.cachedUrls));

    await app.signOut();
    await page.getByRole('heading', { name: 'Đăng nhập Ngõ Số' }).waitFor();
    await page.getByText('Đã đăng xuất.').waitFor();

    const left = await readPhoneStorage(page);
    expect(left.databases.filter((name) => name.startsWith('ngo-so'))).toEqual([]);
    expectNothingPersonal(left.text);
    expect(left.text).not.toContain('session:');
    expect(left.cachedUrls.filter((url) => url.includes('/api/'))).toEqual([]);

    // Opened again, the phone asks for a sign-in, not a PIN: the session is gone too.
    await page.reload();
    await page.getByRole('heading', { name: 'Đăng nhập Ngõ Số' }).waitFor();
  });

  it('says how much is unsent before signing out, lets the person stay, and wipes it all once confirmed', async () => {
    const { page, context } = session;
    const app = recorder(page);
    await openFresh(page);
    await app.signInAsDemo('demo.member');
    await context.setOffline(true);
    await recordHousehold(page, 'Thôn Đông');

    await app.signOut();
    await page.getByText('Còn 3 thay đổi chưa gửi được lên máy chủ.').waitFor();
    await page.getByRole('button', { name: 'Ở lại, chưa đăng xuất' }).click();
    await app.openHamlet('Thôn Đông');
    await app.householdRow(HEAD).waitFor();

    await app.signOut({ confirmUnsent: true });
    await page.getByRole('heading', { name: 'Đăng nhập Ngõ Số' }).waitFor();
    const left = await readPhoneStorage(page);
    expect(left.databases.filter((name) => name.startsWith('ngo-so'))).toEqual([]);
    expectNothingPersonal(left.text);
  });

  it('locks itself after half an hour out of sight, and opens on the same form with what was typed', async () => {
    const { page } = session;
    const app = recorder(page);
    await openFresh(page);
    await app.signInAsDemo('demo.member');
    await app.openHamlet('Thôn Đông');
    await app.startNewHousehold();
    await app.fillHousehold({ head: HEAD, houseNumber: '9', phone: '', fiber: false });

    // The phone goes into a pocket; it comes out 31 minutes later.
    await page.evaluate(() => {
      const visibility = (state: DocumentVisibilityState) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
        document.dispatchEvent(new Event('visibilitychange'));
      };
      visibility('hidden');
      const realNow = Date.now.bind(Date);
      Date.now = () => realNow() + 31 * 60_000;
      visibility('visible');
    });
    await app.unlock();
    await expect(page.getByLabel('Họ tên chủ hộ').inputValue()).resolves.toBe(HEAD);
  });

  it('forgets the session and wipes the account after five wrong PINs, warning before the last', async () => {
    const { page, context } = session;
    const app = recorder(page);
    await openFresh(page);
    await app.signInAsDemo('demo.member1');
    await context.setOffline(true);
    await recordHousehold(page, 'Thôn Đông');
    await page.reload();

    for (const left of [4, 3, 2, 1]) {
      await app.unlock('0000');
      await page.getByText(`Sai mã PIN. Còn ${left} lần thử.`).waitFor();
    }
    await page.getByText('Lần thử cuối cùng').waitFor();
    await app.unlock('0000');
    await page.getByRole('heading', { name: 'Đăng nhập Ngõ Số' }).waitFor();
    await page.getByText('Đã nhập sai mã PIN quá số lần cho phép').waitFor();
    const left = await readPhoneStorage(page);
    expect(left.databases.filter((name) => name.startsWith('ngo-so'))).toEqual([]);
    expectNothingPersonal(left.text);
  });
});
