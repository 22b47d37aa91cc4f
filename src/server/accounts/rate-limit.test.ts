// Sign-in attempts are limited: five wrong passwords for one username within 15 minutes, or
// twenty from one address, and further attempts wait (429 with Retry-After), even with the
// right password. The clock is the server's `now`, moved by the test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './demo-seed';
import { createRateLimiter } from './rate-limit';
import { startTestServer, type TestServer } from './test-server';

const MINUTE = 60_000;

describe('createRateLimiter', () => {
  it.each([
    ['lets the first tries through', [0, 1, 2, 3], 4, 0],
    ['holds the key after max failures until the oldest leaves the window', [0, 1, 2, 3, 4], 5, 10 * MINUTE - 5],
    ['lets it try again once the oldest failure is older than the window', [0, 1, 2, 3, 4], 10 * MINUTE + 1, 0],
    ['counts only failures within the window', [0, 1, 2, 3 * MINUTE + 0, 11 * MINUTE], 11 * MINUTE + 1, 0],
  ])('%s', (_case, failures, at, wait) => {
    const limiter = createRateLimiter({ max: 5, windowMs: 10 * MINUTE });
    for (const t of failures) limiter.fail('k', t);
    expect(limiter.waitMs('k', at)).toBe(wait);
  });

  it('keeps keys apart and forgets one on clear', () => {
    const limiter = createRateLimiter({ max: 1, windowMs: MINUTE });
    limiter.fail('a', 0);
    expect(limiter.waitMs('a', 1)).toBeGreaterThan(0);
    expect(limiter.waitMs('b', 1)).toBe(0);
    limiter.clear('a');
    expect(limiter.waitMs('a', 1)).toBe(0);
  });
});

describe('POST /api/auth/sign-in under attack', () => {
  let server: TestServer;
  let clock = Date.UTC(2026, 10, 24, 8);

  beforeEach(async () => {
    server = await startTestServer({ now: () => clock });
  });
  afterEach(async () => {
    await server.close();
  });

  const attempt = (username: string, password: string) => server.call('POST', '/api/auth/sign-in', undefined, { username, password, deviceName: 'x' });

  it('holds a username after five wrong passwords, even the right one, for 15 minutes', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('demo.lead', `wrong-${i}`)).status).toBe(401);
    const held = await attempt('demo.lead', DEMO_PASSWORD);
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('900');
    expect(await held.json()).toEqual({ error: 'Too many wrong passwords: try again in 15 minutes.' });
    expect((await attempt('demo.member', DEMO_PASSWORD)).status).toBe(200);
    clock += 15 * MINUTE + 1000;
    expect((await attempt('demo.lead', DEMO_PASSWORD)).status).toBe(200);
  });

  it('holds an address after twenty wrong passwords, whatever the username', async () => {
    for (let i = 0; i < 20; i++) expect((await attempt(`guess.${i}`, 'wrong-password')).status).toBe(401);
    expect((await attempt('demo.member', DEMO_PASSWORD)).status).toBe(429);
  });

  it('forgets the failures of a username once its right password is given', async () => {
    for (let i = 0; i < 4; i++) await attempt('demo.lead', 'wrong');
    expect((await attempt('demo.lead', DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('demo.lead', 'wrong')).status).toBe(401);
    expect((await attempt('demo.lead', DEMO_PASSWORD)).status).toBe(200);
  });

  it('writes nothing for a failed sign-in', async () => {
    const before = server.rowCounts();
    for (let i = 0; i < 8; i++) await attempt('demo.lead', 'wrong');
    expect(server.rowCounts()).toEqual(before);
  });
});
