// Two team members in the same commune, each on a phone with no signal, then both at the
// commune office Wi-Fi: each must see the other's households, so nobody visits a door blind.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useAppServer } from './support/server';
import { useBrowser, PHONE } from './support/browser';
import { DEMO_NAMES, recorder, type DemoAccount } from './page-models/recorder';

const server = useAppServer();
const session = useBrowser();

async function phoneOffline(context: BrowserContext, account: DemoAccount): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url('/'));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await recorder(page).signInAsDemo(account);
  await context.setOffline(true);
  return page;
}

async function recordHousehold(page: Page, head: string, houseNumber: string) {
  const app = recorder(page);
  await page.goto(new URL('/#/', page.url()).toString());
  await app.openHamlet('Thôn Đông');
  await app.startNewHousehold();
  await app.fillHousehold({ head, houseNumber, phone: '', fiber: false });
  await app.addMember({ name: head, birthYear: 1975, phone: 'Điện thoại thông minh' });
  await app.save();
  await app.householdRow(head).getByText('Chỉ lưu trên máy, chưa gửi').waitFor();
}

describe('two phones', () => {
  it('record offline, come online, and each sees the other’s households', async () => {
    const contextB = await session.browser.newContext(PHONE);
    try {
      const a = await phoneOffline(session.context, 'demo.member');
      const b = await phoneOffline(contextB, 'demo.lead');
      await recordHousehold(a, 'Nguyễn Văn An', '1');
      await recordHousehold(b, 'Phạm Thị Hoa', '2');

      await session.context.setOffline(false);
      await recorder(a).syncNow();
      await contextB.setOffline(false);
      await recorder(b).syncNow();
      await recorder(a).syncNow();

      for (const page of [a, b]) {
        const app = recorder(page);
        await app.openHamlet('Thôn Đông');
        await app.householdRow('Nguyễn Văn An').getByText('Máy chủ đã xác nhận').waitFor();
        await app.householdRow('Phạm Thị Hoa').getByText('Máy chủ đã xác nhận').waitFor();
      }
      // Who recorded it travels with it.
      await recorder(a).openHousehold('Phạm Thị Hoa');
      await a.getByText(`Cập nhật bởi ${DEMO_NAMES['demo.lead']}`).first().waitFor();
      await recorder(b).openOverview();
      await expect(recorder(b).indicatorResult('smartphone').textContent()).resolves.toBe('2/2, đạt 100%');
    } finally {
      await contextB.close();
    }
  });
});
