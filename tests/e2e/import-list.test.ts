// A commune lead imports the commune's household list: a file with a mistake is refused whole
// with the row named; the corrected file pre-fills the households, and a team member then
// records a listed person (consent first) from the household form.
import { describe, expect, it } from 'vitest';
import { useAppServer } from './support/server';
import { useBrowser } from './support/browser';
import { recorder } from './page-models/recorder';

const server = useAppServer();
const session = useBrowser();

const HEADER = 'Thôn;Số nhà;Đường/Xóm;Họ tên chủ hộ;Số điện thoại;Họ tên thành viên;Năm sinh';
const GOOD = [
  HEADER,
  'Thôn Đoài;21;Xóm Giữa;Đinh Văn Quang;0912000111;Đinh Văn Quang;1970',
  'Thôn Đoài;21;Xóm Giữa;Đinh Văn Quang;0912000111;Đinh Thị Hạnh;1974',
  'Bản Suối Cạn;3;;Sùng A Páo;;Sùng A Páo;1988',
].join('\n');
const BAD = GOOD.replace('Đinh Thị Hạnh;1974', 'Đinh Thị Hạnh;1774');

describe('importing the commune household list', () => {
  it('refuses a file with a mistake as a whole, then imports the corrected one and pre-fills the visit', async () => {
    const { page } = session;
    const app = recorder(page);
    await page.goto(server.url('/'));
    await app.signInAsDemo('demo.lead');
    await page.getByRole('link', { name: 'Nhập danh sách hộ của xã' }).click();
    const file = page.getByLabel('Chọn tệp danh sách hộ (.csv hoặc .xlsx)');

    await file.setInputFiles({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${BAD}`, 'utf8') });
    await page.getByText('Chưa nhập hộ nào').waitFor();
    await page.getByText(/Dòng 3: .*Năm sinh/).first().waitFor();
    await expect(page.getByRole('button', { name: /^Nhập \d+ hộ$/ }).isDisabled()).resolves.toBe(true);

    await file.setInputFiles({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${GOOD}`, 'utf8') });
    await page.getByRole('button', { name: 'Nhập 2 hộ' }).click();
    await page.getByText('Đã nhập 2 hộ').waitFor();

    await page.goto(server.url('/#/'));
    await app.openHamlet('Thôn Đoài');
    await app.openHousehold('Đinh Văn Quang');
    await page.getByText('Theo danh sách của xã, chưa ghi nhận').waitFor();
    await expect(page.getByText('Đinh Thị Hạnh').count()).resolves.toBeGreaterThan(0);
  });
});
