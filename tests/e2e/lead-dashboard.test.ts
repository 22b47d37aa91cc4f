// A commune lead, offline, opens the dashboard, who to visit next, the quarterly report and the
// targets, and sees exactly the figures counted here from the fixture commune by hand.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { useAppServer } from './support/server';
import { useBrowser } from './support/browser';
import { recorder, DEMO_PIN } from './page-models/recorder';
import { lead } from './page-models/lead';
import { fixtureCommune } from '../fixtures/commune';
import { parseCsv } from '../../src/domain/csv';

const server = useAppServer();
const session = useBrowser();

const COMMUNE = 'DEMO-XA';
const HAMLET_OF: Record<string, string> = { 'FX-T1': 'DEMO-T1', 'FX-T2': 'DEMO-T2', 'FX-T3': 'DEMO-T3', 'FX-T4': 'DEMO-T3', 'FX-T5': 'DEMO-T3' };
const fixture = (() => {
  const { households, people } = fixtureCommune(20260, 300);
  return {
    households: households.map((h) => ({ ...h, communeCode: COMMUNE, hamletCode: HAMLET_OF[h.hamletCode] ?? h.hamletCode })),
    people,
  };
})();

/** Counted here, not by the app: adults living here with a smartphone, and households with fiber. */
function expected(year: number, hamletCode?: string) {
  const inHamlet = fixture.households.filter((h) => hamletCode === undefined || h.hamletCode === hamletCode);
  const ids = new Set(inHamlet.map((h) => h.id));
  const adults = fixture.people.filter((p) => ids.has(p.householdId) && p.residence === 'here' && year - p.birthYear >= 18);
  const smart = adults.filter((p) => p.phone === 'smartphone');
  return { smartphone: [smart.length, adults.length] as const, fiber: [inHamlet.filter((h) => h.fiber).length, inHamlet.length] as const, adults, inHamlet };
}
const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const pct = (n: number, N: number) => `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format((n / N) * 100)}%`;

/** Puts the fixture commune into the lead's own database on the phone, as a sync would have. */
async function loadFixture(page: Page) {
  await page.evaluate(async (data) => {
    const dbs = await indexedDB.databases();
    const name = dbs.map((d) => d.name ?? '').find((n) => n.startsWith('ngo-so-'));
    if (!name) throw new Error('no account database');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['households', 'people'], 'readwrite');
      for (const h of data.households) tx.objectStore('households').put({ ...h, searchWords: [] });
      for (const p of data.people) tx.objectStore('people').put(p);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, fixture);
}

describe('the lead, offline', () => {
  it('sees the figures of the fixture commune on the dashboard, who to visit next, the report and its CSV', async () => {
    const { page, context } = session;
    const app = recorder(page);
    const screens = lead(page);
    await page.goto(server.url('/'));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await app.signInAsDemo('demo.lead');
    await loadFixture(page);
    await context.setOffline(true);
    await page.reload();
    await app.unlock(DEMO_PIN);
    const year = await page.evaluate(() => new Date().getFullYear());

    // The dashboard: Toàn xã first, then the hamlets by name (Bản Suối Cạn, Thôn Đoài, Thôn Đông).
    await screens.openDashboard();
    const all = expected(year);
    const [n, N] = all.smartphone;
    const communeCell = screens.cell('smartphone', 1);
    await expect.poll(() => communeCell.innerText()).toContain(`${vi(n)}/${vi(N)}`);
    expect(await communeCell.innerText()).toContain(pct(n, N));
    expect(await communeCell.innerText()).toMatch(n * 100 >= 80 * N ? /Đạt/ : n * 100 >= 70 * N ? /Gần đạt/ : /Còn xa/);
    const dong = expected(year, 'DEMO-T1');
    expect(await screens.cell('fiber', 4).innerText()).toContain(`${vi(dong.fiber[0])}/${vi(dong.fiber[1])}`);

    // Tapping a cell lists who in that hamlet still lacks it, by house number.
    await screens.cell('smartphone', 4).locator('a').click();
    await page.getByRole('heading', { name: 'Ai cần thăm tiếp' }).waitFor();
    const lacking = dong.adults.filter((p) => p.phone !== 'smartphone');
    const households = new Set(lacking.map((p) => p.householdId));
    await expect.poll(() => screens.followUpRows().count()).toBe(Math.min(households.size, 100));
    await page.getByText(`${vi(households.size)} hộ có ${vi(lacking.length)} người còn thiếu điện thoại thông minh`).waitFor();
    const first = [...dong.inHamlet]
      .filter((h) => households.has(h.id))
      .sort((a, b) => a.houseNumber.localeCompare(b.houseNumber, 'vi', { numeric: true }) || a.headName.localeCompare(b.headName, 'vi'))[0];
    expect(await screens.followUpRows().first().innerText()).toContain(first?.headName ?? '?');
    await screens.followUpRows().first().locator('a').click();
    await page.waitForURL(new RegExp(`#/ho/${first?.id ?? '?'}`));

    // The report: the line to paste, the commune's table, and the CSV with Vietnamese intact.
    await screens.openReport();
    await expect.poll(() => screens.reportText().innerText()).toContain(
      `- Tỷ lệ người dân trưởng thành có điện thoại thông minh: ${vi(n)}/${vi(N)}, đạt ${pct(n, N)} (chỉ tiêu 80%: ${n * 100 >= 80 * N ? 'Đạt' : 'Chưa đạt'}).`,
    );
    const row = await screens.reportRow(COMMUNE, 2).innerText();
    expect(row).toContain(`${vi(all.fiber[0])}/${vi(all.fiber[1])}, đạt ${pct(all.fiber[0], all.fiber[1])}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    const rows = parseCsv(csv).rows;
    expect(rows[0]).toEqual(['Địa bàn', 'STT', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Đánh giá', 'Số đạt', 'Tổng số']);
    expect(rows).toContainEqual(['Thôn Đông', '2', 'Tỷ lệ hộ gia đình có kết nối Internet cáp quang băng rộng', '75%', expect.stringMatching(/^\d+\/\d+, đạt /), expect.any(String), String(dong.fiber[0]), String(dong.fiber[1])]);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Excel (XLSX)' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^bao-cao-quy-[ivx]+-\d{4}-xa-thu-nghiem-demo\.xlsx$/);

    // Targets: the plan is cited and its targets used.
    await screens.openTargets();
    await page.getByLabel('Số kế hoạch').fill('12/KH-UBND');
    await page.getByLabel('Ngày ban hành').fill('2024-01-12');
    await page.getByLabel('Tỷ lệ người dân trưởng thành có điện thoại thông minh').fill('30');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await page.getByText('Đã lưu chỉ tiêu theo Kế hoạch số 12/KH-UBND ngày 12/01/2024.').waitFor();
    await screens.openDashboard();
    await page.locator('p.plan-basis', { hasText: 'Chỉ tiêu theo Kế hoạch số 12/KH-UBND ngày 12/01/2024.' }).waitFor();
    expect(await screens.cell('smartphone', 1).innerText()).toMatch(n * 100 >= 30 * N ? /Đạt/ : /Gần đạt|Còn xa/);
  });
});
