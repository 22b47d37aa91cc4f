// A team member's first day: the app opens once online to sign in, then everything happens with
// no network at all, across reloads (each opened with the PIN), in a real Chromium with real
// IndexedDB and service worker.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppServer } from './support/server';
import { useBrowser } from './support/browser';
import { recorder } from './page-models/recorder';

const server = useAppServer();
const session = useBrowser();

async function waitForServiceWorkerControl(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** The unsaved forms idb-keyval holds on the phone (under the account's prefix). */
function draftKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction('keyval').objectStore('keyval').getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String).filter((k) => k.includes(':draft:')));
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

describe('recording a household offline', () => {
  it('records a household with two members offline, keeps it across reloads, finds it and counts it', async () => {
    const { page, context } = session;
    const app = recorder(page);

    await page.goto(server.url('/'));
    await waitForServiceWorkerControl(page);
    await app.signInAsDemo('demo.member');

    await context.setOffline(true);
    await page.reload();
    await app.unlock();
    await page.getByText('DỮ LIỆU MẪU').waitFor();

    await app.openOverview();
    await expect(app.indicatorResult('smartphone').textContent()).resolves.toBe('0/0');
    await page.goBack();

    await app.openHamlet('Thôn Đông');
    await app.startNewHousehold();
    await app.fillHousehold({ head: 'Nguyễn Văn An', houseNumber: '12', phone: '0912345678', fiber: true });
    await app.addMember({ name: 'Nguyễn Văn An', birthYear: 1980, phone: 'Điện thoại thông minh', vneid: 'Mức 2: đã kích hoạt' });
    await app.addMember({ name: 'Trần Thị Bình', birthYear: 1984, phone: 'Phổ thông 2G' });
    await app.save();
    await expect(app.householdRow('Nguyễn Văn An').textContent()).resolves.toContain('2 người đang ở');

    await page.reload();
    await app.unlock();
    await app.search('tran thi binh');
    await app.householdRow('Nguyễn Văn An').waitFor();
    await app.search('nguyen van an');
    await app.householdRow('Nguyễn Văn An').waitFor();
    await app.search('le van');
    await page.getByText('Không tìm thấy hộ nào').waitFor();

    await app.openOverview();
    await expect(app.indicatorResult('smartphone').textContent()).resolves.toBe('1/2, đạt 50%');
    await expect(app.indicatorResult('fiber').textContent()).resolves.toBe('1/1, đạt 100%');
    await expect(app.indicatorResult('vneid_l2').textContent()).resolves.toBe('1/2, đạt 50%');
  });

  it('keeps a half-filled form when the app is closed, and explains a bad phone number in Vietnamese', async () => {
    const { page, context } = session;
    const app = recorder(page);
    await page.goto(server.url('/'));
    await waitForServiceWorkerControl(page);
    await app.signInAsDemo('demo.member');
    await context.setOffline(true);
    await app.openHamlet('Thôn Đoài');
    await app.startNewHousehold();
    await app.fillHousehold({ head: 'Hoàng Thị Cúc', houseNumber: '7', phone: '12345', fiber: false });
    const formAddress = page.url();
    await expect.poll(() => draftKeys(page)).toHaveLength(1);

    // The phone kills the app; it is opened again from the home screen later.
    const reopened = await context.newPage();
    await page.close();
    await reopened.goto(server.url('/'));
    await recorder(reopened).unlock();
    await reopened.getByRole('link', { name: 'Tiếp tục: Hoàng Thị Cúc' }).click();
    expect(reopened.url()).toBe(formAddress);
    await reopened.getByText('Đã khôi phục biểu mẫu chưa lưu').waitFor();
    await expect(reopened.getByLabel('Số điện thoại liên hệ').inputValue()).resolves.toBe('12345');

    await recorder(reopened).save();
    await reopened.getByText('Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0').waitFor();
    await reopened.getByLabel('Số điện thoại liên hệ').fill('0987654321');
    await recorder(reopened).save();
    await recorder(reopened).householdRow('Hoàng Thị Cúc').waitFor();
    await expect(draftKeys(reopened)).resolves.toEqual([]);
  });

  it('never deletes a member who moved away, and deletes all of a member who withdraws consent', async () => {
    const { page } = session;
    const app = recorder(page);
    await page.goto(server.url('/'));
    await app.signInAsDemo('demo.member');
    await app.openHamlet('Thôn Đông');
    await app.startNewHousehold();
    await app.fillHousehold({ head: 'Lê Văn Cường', houseNumber: '5', phone: '', fiber: false });
    await app.addMember({ name: 'Lê Văn Cường', birthYear: 1970, phone: 'Điện thoại thông minh' });
    await app.addMember({ name: 'Lê Thị Dung', birthYear: 1995, phone: 'Điện thoại thông minh' });
    await app.addMember({ name: 'Lê Văn Em', birthYear: 2000 });
    await app.save();

    await app.openHousehold('Lê Văn Cường');
    await app.setResidence('Lê Thị Dung', 'Đã chuyển đi');
    await app.save();
    await app.openHousehold('Lê Văn Cường');
    await app.withdrawConsent('Lê Văn Em');
    await expect(app.memberCard('Lê Văn Em').count()).resolves.toBe(0);
    await expect(app.memberCard('Lê Thị Dung').textContent()).resolves.toContain('Đã chuyển đi');

    await page.reload();
    await app.unlock();
    await app.memberCard('Lê Thị Dung').waitFor();
    await expect(app.memberCard('Lê Văn Em').count()).resolves.toBe(0);
    // Nor in the visit history, which listed "Thêm người: Lê Văn Em" before.
    await page.getByText('Một người đã rút lại đồng ý').waitFor();
    await expect(page.evaluate(() => document.body.innerText.includes('Lê Văn Em'))).resolves.toBe(false);
    await app.search('le van em');
    await page.getByText('Không tìm thấy hộ nào').waitFor();

    // Only people living here count: the one who moved leaves the denominator.
    await app.openOverview();
    await expect(app.indicatorResult('smartphone').textContent()).resolves.toBe('1/1, đạt 100%');
  });
});
