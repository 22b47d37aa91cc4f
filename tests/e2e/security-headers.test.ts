// The built app under the server's Content-Security-Policy: the headers arrive with the page
// and the API, and the app starts and runs without a single violation report.
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser';
import { useAppServer } from './support/server';

describe('the app under its security headers', () => {
  const app = useAppServer();
  const session = useBrowser();

  it('sends a CSP allowing no other origin with the page and with the API', async () => {
    for (const path of ['/', '/api/health', '/api/sync/pull']) {
      const res = await fetch(app.url(path));
      expect(res.headers.get('content-security-policy'), path).toMatch(/^default-src 'self'; /);
      expect(res.headers.get('content-security-policy'), path).not.toMatch(/https?:|\*|unsafe-inline|unsafe-eval/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('starts the app and its service worker with no CSP violation', async () => {
    const { page } = session;
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportViolation(t: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const res = await page.goto(app.url('/'));
    expect(res?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    await page.waitForFunction(() => !document.body.textContent?.includes('Đang mở Ngõ Số…'), undefined, { timeout: 30_000 });
    await page.evaluate(async () => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForFunction(() => !document.body.textContent?.includes('Đang mở Ngõ Số…'), undefined, { timeout: 30_000 });
    expect(violations).toEqual([]);
  });
});
