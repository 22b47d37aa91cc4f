// The lead's screens as the lead sees them: the grid, who to visit next, the report, the targets.
import type { Locator, Page } from 'playwright-core';

export function lead(page: Page) {
  const go = async (hash: string, heading: string | RegExp) => {
    await page.goto(new URL(`/${hash}`, page.url()).toString());
    await page.getByRole('heading', { name: heading }).first().waitFor();
  };
  return {
    openDashboard: (periodKey?: string) => go(`#/bang-chi-tieu${periodKey ? `?ky=${periodKey}` : ''}`, 'Bảng chỉ tiêu theo thôn'),
    openFollowUp: (hamletCode: string, indicatorId: string) => go(`#/tham-tiep?thon=${hamletCode}&chi-tieu=${indicatorId}`, 'Ai cần thăm tiếp'),
    openReport: () => go('#/bao-cao', 'BÁO CÁO'),
    openTargets: () => go('#/chi-tieu', 'Chỉ tiêu của xã'),
    /** A grid cell: the column is "Toàn xã" (index 1) or a hamlet's column. */
    cell(indicatorId: string, column: number): Locator {
      return page.locator(`tr[data-indicator="${indicatorId}"] > td`).nth(column - 1);
    },
    followUpRows(): Locator {
      return page.locator('main.follow-up ul.rows > li');
    },
    reportText(): Locator {
      return page.locator('pre.report-text');
    },
    reportRow(place: string, stt: number): Locator {
      return page.locator(`section.report-section[data-place="${place}"] tbody tr`).nth(stt - 1);
    },
  };
}
