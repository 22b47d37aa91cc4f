// The map screen and the house-position control, as a person sees them: labels, legend text,
// and the points they tap (SVG paths classed by what the household lacks).
import type { Locator, Page } from 'playwright-core';

export type GapClass = 'lacking' | 'partial' | 'complete' | 'not_counted';

export function mapScreen(page: Page) {
  return {
    async open() {
      await page.goto(new URL('/#/ban-do', page.url()).toString());
      await page.getByRole('heading', { name: 'Bản đồ các hộ' }).waitFor();
    },
    /** The indicator chips: "Điện thoại thông minh", "Cáp quang", "VNeID mức 2"… */
    async colourBy(label: string) {
      await page.getByRole('group', { name: 'Tô màu theo chỉ tiêu', exact: true }).getByRole('radio', { name: label, exact: true }).check();
    },
    /** One line of the legend, e.g. "Đã đủ: 1 hộ". */
    legendItem(gap: GapClass): Locator {
      return page.locator(`.map-legend li[data-gap="${gap}"]`);
    },
    points(gap?: GapClass): Locator {
      return page.locator(`.map-view path.map-point${gap ? `.gap-${gap}` : ''}`);
    },
    hamletLabel(name: string): Locator {
      return page.locator('.map-view .hamlet-label', { hasText: name });
    },
    /** Taps a point and returns its popup. */
    async tapPoint(gap: GapClass): Promise<Locator> {
      await this.points(gap).first().click();
      const popup = page.locator('.map-popup');
      await popup.waitFor();
      return popup;
    },
    unlocatedHeading(): Locator {
      return page.getByRole('heading', { name: /hộ chưa có vị trí$/ });
    },
  };
}

export function houseLocation(page: Page) {
  const control = page.locator('fieldset.house-location');
  return {
    control,
    consent: control.getByRole('checkbox', { name: 'Hộ đồng ý lưu vị trí nhà' }),
    takeButton: control.getByRole('button', { name: /^Lấy (lại )?vị trí/ }),
    clearButton: control.getByRole('button', { name: 'Xoá vị trí' }),
    /** "Đã có vị trí nhà: sai số khoảng 12 m (lấy lúc …)" or "Chưa có vị trí nhà." */
    state: control.locator('.location-state'),
    async take() {
      await this.consent.check();
      await this.takeButton.click();
      await control.getByText(/^Đã có vị trí nhà/).waitFor();
    },
  };
}
