import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('pull cursors', () => {
  it('come back as the seq they were made from', () => {
    expect(decodeCursor('db-1', encodeCursor('db-1', 0))).toBe(0);
    expect(decodeCursor('db-1', encodeCursor('db-1', 123456))).toBe(123456);
    expect(encodeCursor('db-1', 5)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('start over when absent or made by another database', () => {
    expect(decodeCursor('db-1', undefined)).toBe(0);
    expect(decodeCursor('db-1', '')).toBe(0);
    expect(decodeCursor('db-1', encodeCursor('db-old', 99))).toBe(0);
  });

  it.each([['%%%'], ['bm90LWEtY3Vyc29y'], [encodeCursor('db-1', 1).slice(0, 3)]])('refuse %s, which no server made', (text) => {
    expect(decodeCursor('db-1', text)).toBeUndefined();
  });
});
