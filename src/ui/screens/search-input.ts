// Which query the search screen searches: the address's, until a tap on "Tìm" searches what was
// typed (the address follows once the rows are drawn). Any later change of the address wins: a
// person opening "Tìm hộ" afresh expects it empty, not the last search again.

/** The address's query as the screen last saw it, and what was tapped since it last changed. */
export type SearchInput = { address: string; tapped: string | undefined };

/** The input once the address reads `address`: a change drops the tap before it. */
export function seenAddress(input: SearchInput, address: string): SearchInput {
  return address === input.address ? input : { address, tapped: undefined };
}

export function tapped(input: SearchInput, query: string): SearchInput {
  return { ...input, tapped: query };
}

export function searchedQuery(input: SearchInput): string {
  return input.tapped ?? input.address;
}

/**
 * Whether the address may now be set to the query searched: only while it still reads what the
 * screen last saw. Set when the phone is idle, it must not undo a change made meanwhile ("Tìm hộ"
 * opened afresh, its render not run yet), which would bring the last search back.
 */
export function addressMayFollow(input: SearchInput, addressNow: string | undefined): boolean {
  return addressNow === input.address;
}
