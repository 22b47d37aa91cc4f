// The screens a team member uses, as the person sees them: labels and button names only.
import type { Locator, Page } from 'playwright-core';

export type MemberInput = {
  name: string;
  birthYear: number;
  phone?: 'Không có' | 'Phổ thông 2G' | 'Phổ thông 3G/4G' | 'Điện thoại thông minh';
  vneid?: 'Chưa có' | 'Mức 1: đã kích hoạt' | 'Mức 2: đã kích hoạt' | 'Mức 2: đã thu nhận hồ sơ';
};

/** The documented password of every demo account a fresh server creates. */
export const DEMO_PASSWORD = 'demo-ngo-so';
export const DEMO_PIN = '2468';
export type DemoAccount = 'demo.member' | 'demo.member1' | 'demo.lead' | 'demo.province' | 'demo.admin';
/** The names the demo accounts record under ("Cập nhật bởi …"). */
export const DEMO_NAMES = { 'demo.member': 'Thành viên (DEMO)', 'demo.lead': 'Tổ trưởng (DEMO)' } as const;

export function recorder(page: Page) {
  const group = (scope: Page | Locator, name: string) => scope.getByRole('group', { name, exact: true });
  const choose = (scope: Page | Locator, legend: string, option: string) =>
    group(scope, legend).getByRole('radio', { name: option, exact: true }).check();

  return {
    /** The first screen on a fresh phone: username, password and this phone's name; then the PIN screen. */
    async signIn(username: string, password = DEMO_PASSWORD, deviceName = 'Điện thoại thử nghiệm') {
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByLabel('Tên điện thoại này').fill(deviceName);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    },
    async setPin(pin: string, again = pin) {
      await page.getByRole('heading', { name: 'Đặt mã PIN cho điện thoại này' }).waitFor();
      await page.getByLabel('Mã PIN (4–6 chữ số)').fill(pin);
      await page.getByLabel('Nhập lại mã PIN').fill(again);
      await page.getByRole('button', { name: 'Lưu mã PIN và bắt đầu' }).click();
    },
    /** Signs in with a demo account of the fresh server, sets the PIN and waits for the demo commune. */
    async signInAsDemo(username: DemoAccount = 'demo.member', pin = DEMO_PIN) {
      await this.signIn(username);
      await this.setPin(pin);
      await page.getByText('DỮ LIỆU MẪU').waitFor();
    },
    /** The lock screen of every later start: the PIN opens the app, with or without a network. */
    async unlock(pin = DEMO_PIN, username?: string) {
      await page.getByRole('heading', { name: 'Mở khoá Ngõ Số' }).waitFor();
      if (username) {
        // Several accounts on the phone: each is shown as "Name (username)".
        const label = new RegExp(`\\(${username.replace(/[.]/g, '\\.')}\\)$`);
        await page.getByRole('group', { name: 'Tài khoản', exact: true }).getByRole('radio', { name: label }).check();
      }
      await page.getByLabel('Mã PIN', { exact: true }).fill(pin);
      await page.getByRole('button', { name: 'Mở khoá', exact: true }).click();
    },
    async openSettings() {
      await page.goto(new URL('/#/cai-dat', page.url()).toString());
      await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
    },
    /** Signs out from the settings; `confirmUnsent` accepts losing what could not be sent. */
    async signOut(options: { confirmUnsent?: boolean } = {}) {
      await this.openSettings();
      await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
      if (options.confirmUnsent) await page.getByRole('button', { name: 'Vẫn đăng xuất và xoá' }).click();
    },
    async openHamlet(name: string) {
      await page.goto(new URL('/#/', page.url()).toString());
      await page.getByRole('link', { name: new RegExp(name) }).click();
      await page.getByRole('heading', { name }).waitFor();
    },
    async startNewHousehold() {
      await page.getByRole('button', { name: '+ Thêm hộ mới' }).click();
      await page.getByRole('heading', { name: 'Hộ mới' }).waitFor();
    },
    async fillHousehold(fields: { head: string; houseNumber: string; phone: string; fiber: boolean }) {
      await page.getByLabel('Họ tên chủ hộ').fill(fields.head);
      await page.getByLabel('Số nhà').fill(fields.houseNumber);
      await page.getByLabel('Số điện thoại liên hệ').fill(fields.phone);
      await choose(page, 'Có Internet cáp quang', fields.fiber ? 'Có' : 'Chưa');
    },
    async addMember(member: MemberInput) {
      await page.getByRole('button', { name: '+ Thêm người' }).click();
      const card = page.locator('details.person-card').last();
      await card.getByRole('button', { name: 'Người dân đã đồng ý — ghi nhận' }).click();
      await card.getByLabel('Họ và tên').fill(member.name);
      await card.getByLabel('Năm sinh').fill(String(member.birthYear));
      if (member.phone) await choose(card, 'Điện thoại', member.phone);
      if (member.vneid) await choose(card, 'Định danh điện tử VNeID', member.vneid);
    },
    async openHousehold(headName: string) {
      await page.locator('a.household-row', { hasText: headName }).click();
      await page.getByRole('heading', { name: headName }).waitFor();
    },
    memberCard(name: string): Locator {
      return page.locator('details.person-card', { has: page.locator('summary', { hasText: name }) });
    },
    async setResidence(name: string, residence: 'Đang sinh sống' | 'Đi làm ăn xa' | 'Đã chuyển đi' | 'Đã mất') {
      const card = this.memberCard(name);
      if ((await card.getAttribute('open')) === null) await card.locator('summary').click();
      await choose(card, 'Tình trạng cư trú', residence);
    },
    /** Withdraws a member's consent, confirming the browser's "are you sure". */
    async withdrawConsent(name: string) {
      const card = this.memberCard(name);
      if ((await card.getAttribute('open')) === null) await card.locator('summary').click();
      page.once('dialog', (dialog) => void dialog.accept());
      await card.getByRole('button', { name: 'Rút lại đồng ý và xoá dữ liệu người này' }).click();
      await page.getByText('Đã xoá dữ liệu của người rút lại đồng ý').waitFor();
    },
    async save() {
      await page.getByRole('button', { name: 'Lưu trên máy' }).click();
    },
    householdRow(headName: string): Locator {
      return page.locator('a.household-row', { hasText: headName });
    },
    async search(query: string) {
      await page.goto(new URL('/#/', page.url()).toString());
      await page.getByLabel('Tìm hộ theo tên, số nhà, số điện thoại').fill(query);
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await page.getByRole('heading', { name: 'Tìm hộ' }).waitFor();
    },
    async syncNow() {
      await page.goto(new URL('/#/', page.url()).toString());
      await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await page.getByText('Mọi thay đổi đã được gửi').waitFor();
    },
    async openOverview() {
      await page.goto(new URL('/#/tong-quan', page.url()).toString());
      await page.getByRole('heading', { name: 'Tổng quan chỉ tiêu' }).waitFor();
    },
    /** The commune result line of one indicator, e.g. "1/2, đạt 50%". */
    indicatorResult(indicatorId: string): Locator {
      return page.locator(`li.indicator[data-indicator="${indicatorId}"] .result`);
    },
  };
}
