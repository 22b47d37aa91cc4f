// A province officer sees the communes of the province side by side from the server's
// aggregates: the figures a team member's synced households make, and never a name.
import { describe, expect, it } from 'vitest';
import { useAppServer } from './support/server';
import { useBrowser, PHONE } from './support/browser';
import { recorder } from './page-models/recorder';

const server = useAppServer();
const session = useBrowser();

describe('the province view', () => {
  it('shows each commune’s figures from synced records, numbers only', async () => {
    const member = session.page;
    const app = recorder(member);
    await member.goto(server.url('/'));
    await app.signInAsDemo('demo.member');
    await app.openHamlet('Thôn Đông');
    await app.startNewHousehold();
    await app.fillHousehold({ head: 'Mùa A Sử', houseNumber: '9', phone: '', fiber: true });
    await app.addMember({ name: 'Mùa A Sử', birthYear: 1979, phone: 'Điện thoại thông minh' });
    await app.save();
    await app.householdRow('Mùa A Sử').waitFor();
    await app.syncNow();

    const officerContext = await session.browser.newContext(PHONE);
    try {
      const officer = await officerContext.newPage();
      await officer.goto(server.url('/'));
      const province = recorder(officer);
      await province.signIn('demo.province');
      await province.setPin('8642');
      await officer.getByRole('heading', { name: 'Tỉnh Mẫu (DEMO)' }).waitFor();
      const fiber = officer.locator('tr[data-indicator="fiber"] td[data-commune="DEMO-XA"]');
      await expect(fiber.textContent()).resolves.toBe('1/1, đạt 100% — Đạt');
      const smartphone = officer.locator('tr[data-indicator="smartphone"] td[data-commune="DEMO-XA"]');
      await expect(smartphone.textContent()).resolves.toBe('1/1, đạt 100% — Đạt');
      await expect(officer.evaluate(() => document.body.innerText.includes('Mùa A Sử'))).resolves.toBe(false);
    } finally {
      await officerContext.close();
    }
  });
});
