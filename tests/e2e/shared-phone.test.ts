// One phone, several people: two accounts never see each other's households, a province officer
// gets no personal data at all, and a phone the lead revoked wipes itself at its next contact.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppServer } from './support/server';
import { useBrowser } from './support/browser';
import { readPhoneStorage } from './support/phone-storage';
import { DEMO_PASSWORD, recorder } from './page-models/recorder';

const server = useAppServer();
const session = useBrowser();

async function openFresh(page: Page) {
  await page.goto(server.url('/'));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

async function recordHousehold(page: Page, head: string, hamlet = 'Thôn Đông') {
  const app = recorder(page);
  await app.openHamlet(hamlet);
  await app.startNewHousehold();
  await app.fillHousehold({ head, houseNumber: '4', phone: '', fiber: false });
  await app.addMember({ name: head, birthYear: 1968, phone: 'Phổ thông 2G' });
  await app.save();
  await app.householdRow(head).waitFor();
}

/** The commune lead, at the office PC: signs in and revokes the phone with this name. */
async function leadRevokes(deviceName: string) {
  const signIn = await fetch(server.url('/api/auth/sign-in'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'demo.lead', password: DEMO_PASSWORD, deviceName: 'Máy tính xã' }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const auth = { Authorization: `Bearer ${token}` };
  const { devices } = (await (await fetch(server.url('/api/devices'), { headers: auth })).json()) as { devices: { deviceId: string; name: string }[] };
  const lost = devices.find((d) => d.name === deviceName);
  expect(lost, `the lead sees "${deviceName}" among the commune's devices`).toBeDefined();
  const revoked = await fetch(server.url(`/api/devices/${lost?.deviceId ?? ''}/revoke`), { method: 'POST', headers: auth });
  expect(revoked.status).toBe(200);
}

describe('a phone shared by several people', () => {
  it('two accounts on one phone never see each other’s households, and each keeps its own', async () => {
    const { page, context } = session;
    const app = recorder(page);
    await openFresh(page);
    await app.signInAsDemo('demo.member');
    await context.setOffline(true);
    await recordHousehold(page, 'Vi Văn Mạnh', 'Thôn Đoài');
    await app.openSettings();
    await page.getByRole('button', { name: 'Khoá ứng dụng' }).click();

    // A colleague signs in on the same phone, at the office, with an account for Thôn Đông only.
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Đăng nhập tài khoản khác trên máy này' }).click();
    await app.signInAsDemo('demo.member1');
    await expect(page.locator('ul.rows a.row').allTextContents()).resolves.toEqual(['Thôn Đông0 hộ']);
    await app.search('vi van manh');
    await page.getByText('Không tìm thấy hộ nào').waitFor();
    await recordHousehold(page, 'Lương Thị Nga', 'Thôn Đông');
    await app.openSettings();
    await page.getByRole('button', { name: 'Khoá ứng dụng' }).click();

    // Back to the first account, out in the field again: its household is there, the colleague's is not.
    await context.setOffline(true);
    await app.unlock(undefined, 'demo.member');
    await app.openHamlet('Thôn Đoài');
    await app.householdRow('Vi Văn Mạnh').getByText('Chỉ lưu trên máy, chưa gửi').waitFor();
    await app.search('luong thi nga');
    await page.getByText('Không tìm thấy hộ nào').waitFor();
  });

  it('a province officer gets numbers only: no database of personal data on the phone', async () => {
    const { page } = session;
    const app = recorder(page);
    await openFresh(page);
    await app.signIn('demo.province');
    await app.setPin('8642');
    await page.getByRole('heading', { name: 'Số liệu tổng hợp' }).waitFor();
    await page.getByText('không lưu dữ liệu cá nhân nào').waitFor();
    expect((await readPhoneStorage(page)).databases.filter((name) => name.startsWith('ngo-so'))).toEqual([]);

    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.getByRole('heading', { name: 'Đăng nhập Ngõ Số' }).waitFor();
  });

  it('a phone the lead revoked wipes its personal data at its next contact, and says why', async () => {
    const { page } = session;
    const app = recorder(page);
    await openFresh(page);
    await app.signIn('demo.member', DEMO_PASSWORD, 'Điện thoại bị mất');
    await app.setPin('1357');
    await page.getByText('DỮ LIỆU MẪU').waitFor();
    await recordHousehold(page, 'Hà Văn Sơn');
    await app.syncNow();

    await leadRevokes('Điện thoại bị mất');
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await page.getByRole('heading', { name: 'Đã thu hồi quyền truy cập' }).waitFor();
    await page.getByText('Điện thoại này đã bị thu hồi quyền truy cập').waitFor();
    const left = await readPhoneStorage(page);
    expect(left.databases.filter((name) => name.startsWith('ngo-so'))).toEqual([]);
    expect(left.text).not.toContain('Hà Văn Sơn');

    await page.getByRole('button', { name: 'Về màn hình đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập Ngõ Số' }).waitFor();
  });
});
