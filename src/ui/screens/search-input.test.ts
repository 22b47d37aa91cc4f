import { describe, expect, it } from 'vitest';
import { addressMayFollow, searchedQuery, seenAddress, tapped, type SearchInput } from './search-input';

/** The addresses the screen sees in turn, with `tap:` steps between them: the query searched after each. */
function walk(steps: readonly string[]): string[] {
  let input: SearchInput = { address: '', tapped: undefined };
  return steps.map((step) => {
    input = step.startsWith('tap:') ? tapped(input, step.slice(4)) : seenAddress(input, step);
    return searchedQuery(input);
  });
}

describe('the query the search screen searches', () => {
  it('is the address until a tap, and the tap until the address changes', () => {
    expect(walk(['a', 'tap:b', 'b'])).toEqual(['a', 'b', 'b']);
    expect(walk(['tap:b', 'tap:c'])).toEqual(['b', 'c']);
  });

  it('is empty when "Tìm hộ" is opened afresh after a search, not the last search again', () => {
    // Opened empty, searched, the address caught up, then opened afresh: twice in a row.
    expect(walk(['', 'tap:a', 'a', '', 'tap:b', 'b', ''])).toEqual(['', 'a', 'a', '', 'b', 'b', '']);
  });

  it('follows an address set elsewhere (home screen search) over an older tap', () => {
    expect(walk(['tap:a', 'x'])).toEqual(['a', 'x']);
  });
});

describe('the address following a search', () => {
  it('follows while the address reads what the screen last saw', () => {
    const input = tapped(seenAddress({ address: '', tapped: undefined }, ''), 'a');
    expect(addressMayFollow(input, '')).toBe(true);
  });

  it('does not undo "Tìm hộ" opened afresh before the screen saw it, nor follow onto another screen', () => {
    const searched = seenAddress(tapped({ address: '', tapped: undefined }, 'a'), 'a');
    expect(addressMayFollow(tapped(searched, 'b'), '')).toBe(false);
    expect(addressMayFollow(tapped(searched, 'b'), undefined)).toBe(false);
  });
});
