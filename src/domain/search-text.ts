// Search that ignores diacritics and case: "nguyen van a" finds "Nguyễn Văn A".

/** Lower case, tones and marks removed, đ → d. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase();
}

/** The words of a text, folded: what the search index stores and what a query is split into. */
export function searchWords(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** A query's words; a phone number typed in groups ("0912 345 678", "+84 912…") is one word. */
export function queryWords(query: string): string[] {
  const compact = query.replace(/[\s.\-()]/g, '');
  if (/^\+?\d{3,}$/.test(compact)) return [compact.replace(/^\+84/, '0')];
  return searchWords(query);
}

/** Index words for a household: head's and members' names, house number, street, phone. */
export function householdSearchWords(fields: {
  headName: string;
  houseNumber: string;
  street: string;
  phone: string;
  memberNames: readonly string[];
}): string[] {
  const words = new Set<string>();
  for (const text of [fields.headName, fields.houseNumber, fields.street, ...fields.memberNames]) {
    for (const w of searchWords(text)) words.add(w);
  }
  const digits = fields.phone.replace(/\D/g, '');
  if (digits) words.add(digits);
  return [...words];
}

/** Every query word must be the start of some indexed word. */
export function matchesQuery(indexWords: readonly string[], queryWords: readonly string[]): boolean {
  return queryWords.every((q) => indexWords.some((w) => w.startsWith(q)));
}
