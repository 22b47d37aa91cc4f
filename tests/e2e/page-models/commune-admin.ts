// "Quản lý xã" as the commune lead sees it: the hamlets (rename, add) and the signed-in phones.
import type { Locator, Page } from 'playwright-core';

export function communeAdmin(page: Page) {
  return {
    async open() {
      await page.goto(new URL('/#/', page.url()).toString());
      await page.getByRole('link', { name: 'Quản lý xã', exact: true }).click();
      await page.getByRole('heading', { name: 'Quản lý xã' }).waitFor();
    },
    async addHamlet(name: string) {
      await page.getByLabel('Tên thôn mới').fill(name);
      await page.getByRole('button', { name: 'Thêm thôn', exact: true }).click();
    },
    async renameHamlet(from: string, to: string) {
      await page.getByLabel(`Đổi tên “${from}”`).fill(to);
      await page.getByRole('listitem').filter({ has: page.getByLabel(`Đổi tên “${from}”`) }).getByRole('button', { name: 'Lưu tên' }).click();
    },
    /** One phone's row in the list of signed-in devices, by the person's username. */
    device(username: string): Locator {
      return page.locator('li.device-row', { hasText: `(${username})` });
    },
    /** Revokes a phone, accepting the browser's "are you sure" and returning what it asked. */
    async revoke(username: string): Promise<string> {
      const asked = new Promise<string>((resolve) =>
        page.once('dialog', (dialog) => {
          resolve(dialog.message());
          void dialog.accept();
        }),
      );
      await this.device(username).getByRole('button', { name: 'Thu hồi', exact: true }).click();
      return asked;
    },
  };
}
