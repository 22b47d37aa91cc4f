// A lead's map: houses recorded with their GPS position (only after the household agrees) show
// as points coloured by what they lack, offline and with no map tiles; a tap opens the household.
// Rename to map.test.ts once #/ban-do and HouseLocation are wired (see the map report).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppServer } from './support/server';
import { useBrowser } from './support/browser';
import { recorder } from './page-models/recorder';
import { houseLocation, mapScreen } from './page-models/map';

const server = useAppServer();
// A phone standing at a house in the demo commune, that allowed the app its position.
const session = useBrowser({ geolocation: { latitude: 15.2123456, longitude: 108.8012345, accuracy: 12 }, permissions: ['geolocation'] });

async function waitForServiceWorkerControl(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

describe('the map of households', () => {
  it('records a house position with consent, shows it offline with no tiles, opens the household, and forgets a removed position', async () => {
    const { page, context } = session;
    const app = recorder(page);
    const map = mapScreen(page);
    const gps = houseLocation(page);
    const origins = new Set<string>();
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    // Leaflet must work under the app's strict CSP (no inline styles in markup, no other origin).
    const violations: string[] = [];
    await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`),
      ),
    );

    await page.goto(server.url('/'));
    await waitForServiceWorkerControl(page);
    await app.signInAsDemo('demo.member');

    // One household with its position: the button waits for the household's agreement.
    await app.openHamlet('Thôn Đông');
    await app.startNewHousehold();
    await app.fillHousehold({ head: 'Nguyễn Văn An', houseNumber: '12', phone: '0912345678', fiber: false });
    await expect(gps.takeButton.isDisabled()).resolves.toBe(true);
    await gps.take();
    await expect(gps.state.textContent()).resolves.toMatch(/sai số khoảng 12 m/);
    await app.addMember({ name: 'Nguyễn Văn An', birthYear: 1980, phone: 'Điện thoại thông minh' });
    await app.save();
    await app.householdRow('Nguyễn Văn An').waitFor();

    // One without: it is listed under the map.
    await app.openHamlet('Thôn Đông');
    await app.startNewHousehold();
    await app.fillHousehold({ head: 'Trần Văn Bình', houseNumber: '14', phone: '', fiber: true });
    await app.save();
    await app.householdRow('Trần Văn Bình').waitFor();

    await context.setOffline(true);
    await page.reload();
    await app.unlock();
    await map.open();
    await map.points().first().waitFor();
    await expect(map.points().count()).resolves.toBe(1);
    await expect(map.legendItem('complete').textContent()).resolves.toBe('Đã đủ: 1 hộ');
    await expect(map.hamletLabel('Thôn Đông').count()).resolves.toBe(1);
    await expect(map.unlocatedHeading().textContent()).resolves.toBe('1 hộ chưa có vị trí');

    await map.colourBy('Cáp quang');
    await expect(map.legendItem('lacking').textContent()).resolves.toBe('Hộ chưa có: 1 hộ');
    const popup = await map.tapPoint('lacking');
    await expect(popup.textContent()).resolves.toContain('Nguyễn Văn An');
    await expect(popup.textContent()).resolves.toContain('Hộ còn thiếu: cáp quang');
    await popup.getByRole('link', { name: 'Mở hộ này →' }).click();
    await page.getByRole('heading', { name: 'Nguyễn Văn An' }).waitFor();

    // Back on the map, it is still coloured by fiber.
    await page.goBack();
    await map.points('lacking').first().waitFor();
    await expect(map.legendItem('lacking').textContent()).resolves.toBe('Hộ chưa có: 1 hộ');
    await (await map.tapPoint('lacking')).getByRole('link', { name: 'Mở hộ này →' }).click();
    await page.getByRole('heading', { name: 'Nguyễn Văn An' }).waitFor();

    // Removing the position takes the house off the map.
    await gps.clearButton.click();
    await expect(gps.state.textContent()).resolves.toBe('Chưa có vị trí nhà.');
    await app.save();
    await app.householdRow('Nguyễn Văn An').waitFor();
    await map.open();
    await page.getByText('Chưa hộ nào có vị trí.', { exact: false }).waitFor();
    await expect(map.unlocatedHeading().textContent()).resolves.toBe('2 hộ chưa có vị trí');

    // No tile server is set: the map asked no other origin for anything.
    expect([...origins]).toEqual([server.origin]);
    expect(violations).toEqual([]);
  });
});
