// Headers on every answer, app and API alike. The CSP lets the page load only its own files and
// talk only to its own server: no third-party origin, no inline script, no framing.
import type { ServerResponse } from 'node:http';

/**
 * The one style attribute index.html has (its "Đang mở Ngõ Số…" placeholder, shown before the
 * app starts), allowed by its hash and nothing else. main.test.ts checks every style attribute
 * of index.html is listed here.
 */
export const INDEX_HTML_STYLE_HASHES = ["'sha256-s789RaDDow4AeTFnKHxlvoF/a3rQ7IZMkD/MTf4t+IM='"];

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' 'unsafe-hashes' ${INDEX_HTML_STYLE_HASHES.join(' ')}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Geolocation for the household's position (issue 5); nothing else a page could ask for.
  'Permissions-Policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
