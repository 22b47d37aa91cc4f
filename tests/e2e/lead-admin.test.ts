// A commune lead manages the commune from "Quản lý xã": adds a hamlet and renames it (the home
// screen's list follows), sees the phones signed in, never offered the one in hand, and revokes
// a team member's lost phone after a clear warning.
import { describe, expect, it } from 'vitest';
import { useAppServer } from './support/server';
import { useBrowser, PHONE } from './support/browser';
import { recorder } from './page-models/recorder';
import { communeAdmin } from './page-models/commune-admin';

const server = useAppServer();
const session = useBrowser();

describe('the lead manages the commune', () => {
  it('adds and renames a hamlet, sees it on the home screen, and revokes a member’s phone but not its own', async () => {
    const { page } = session;
    const app = recorder(page);
    const admin = communeAdmin(page);
    await page.goto(server.url('/'));
    await app.signInAsDemo('demo.lead');

    // A team member's phone, signed in elsewhere.
    const memberContext = await session.browser.newContext(PHONE);
    try {
      const memberPage = await memberContext.newPage();
      await memberPage.goto(server.url('/'));
      await recorder(memberPage).signIn('demo.member', undefined, 'Điện thoại của Lan');
      await memberPage.getByRole('heading', { name: 'Đặt mã PIN cho điện thoại này' }).waitFor();
    } finally {
      await memberContext.close();
    }

    await admin.open();
    await admin.addHamlet('   ');
    await page.getByText('Nhập tên thôn').waitFor();
    await admin.addHamlet('Thôn Mới');
    await page.getByText('Đã thêm “Thôn Mới”.').waitFor();
    await admin.renameHamlet('Thôn Mới', 'Thôn Mới Lập');
    await page.getByText('Đã đổi tên “Thôn Mới” thành “Thôn Mới Lập”.').waitFor();

    await app.openHamlet('Thôn Mới Lập');

    await admin.open();
    const mine = admin.device('demo.lead');
    await mine.getByText('Điện thoại thử nghiệm').waitFor();
    await mine.getByText('Điện thoại bạn đang cầm').waitFor();
    await expect(mine.getByRole('button', { name: 'Thu hồi' }).count()).resolves.toBe(0);

    const question = await admin.revoke('demo.member');
    expect(question).toMatch(/Điện thoại của Lan/);
    expect(question).toMatch(/xoá toàn bộ dữ liệu/);
    await admin.device('demo.member').getByText(/Đã thu hồi lúc/).waitFor();
    await expect(admin.device('demo.member').getByRole('button', { name: 'Thu hồi' }).count()).resolves.toBe(0);
  });

  it('says that a connection is needed when the phone is offline', async () => {
    const { page, context } = session;
    await page.goto(server.url('/'));
    await recorder(page).signInAsDemo('demo.lead');
    await communeAdmin(page).open();
    await context.setOffline(true);
    await page.getByText('Điện thoại đang không có mạng').waitFor();
    await expect(page.getByRole('button', { name: 'Thêm thôn' }).isDisabled()).resolves.toBe(true);
  });
});
