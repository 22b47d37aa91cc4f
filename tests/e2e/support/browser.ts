// Chromium for the journeys: one browser per test file, and for every test a fresh context
// (its own storage, IndexedDB and service worker) sized like a phone, closed after the test.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A mid-range Android phone in Vietnam: small screen, Vietnamese, Hà Nội time. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export type BrowserSession = {
  readonly browser: Browser;
  /** This test's context: its own storage; use it for setOffline or a second page. */
  readonly context: BrowserContext;
  /** The first page of this test's context. */
  readonly page: Page;
};

/** Call once at the top of a test file or describe block; options add to PHONE. */
export function useBrowser(options: BrowserContextOptions = {}): BrowserSession {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
  beforeEach(async () => {
    if (browser === undefined) throw new Error('Chromium did not start');
    context = await browser.newContext({ ...PHONE, ...options });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    page = undefined;
  });

  const outside = (what: string): never => {
    throw new Error(`No ${what} here: use it inside a test of the file that called useBrowser()`);
  };
  return {
    get browser() {
      return browser ?? outside('browser');
    },
    get context() {
      return context ?? outside('browser context');
    },
    get page() {
      return page ?? outside('page');
    },
  };
}
