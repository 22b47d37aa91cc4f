import { describe, expect, it } from 'vitest';
import { adminFailureText, NEEDS_CONNECTION } from './admin-failure';

describe('what a lead reads when the server says no', () => {
  it.each([
    [{ kind: 'offline' } as const, 'hamlet', NEEDS_CONNECTION],
    [{ kind: 'refused', status: 409, detail: 'The code T1 is taken' } as const, 'hamlet', /Mã thôn này đã có/],
    [{ kind: 'refused', status: 404, detail: 'There is no hamlet' } as const, 'hamlet', /không có thôn này/],
    [{ kind: 'refused', status: 404, detail: 'There is no device' } as const, 'device', /không có điện thoại này/],
    [{ kind: 'refused', status: 403, detail: 'forbidden' } as const, 'device', /Chỉ tổ trưởng/],
    [{ kind: 'rate-limited', retryAfterMs: 90_000 } as const, 'device', /sau 2 phút/],
    [{ kind: 'server', status: 503 } as const, 'hamlet', /mã 503/],
  ])('%o about a %s', (failure, subject, expected) => {
    const text = adminFailureText(failure, subject as 'hamlet' | 'device');
    if (typeof expected === 'string') expect(text).toBe(expected);
    else expect(text).toMatch(expected);
    expect(text).not.toMatch(/There is|taken|forbidden/);
  });
});
