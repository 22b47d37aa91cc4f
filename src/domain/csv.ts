// CSV as offices save it (RFC 4180): quoted fields with "" for a quote and line breaks inside,
// separated by commas or by semicolons (Excel on Vietnamese Windows uses ';'), UTF-8 with or
// without a byte-order mark. Pure: bytes or text in, rows of cells out.

export type CsvDelimiter = ',' | ';' | '\t';

/** Why a file could not be read as text, in words for the person who chose it. */
export const NOT_UTF8 =
  'Tệp CSV không ở dạng UTF-8 nên chữ có dấu sẽ bị sai. Trong Excel, chọn Lưu thành → "CSV UTF-8 (Comma delimited)", hoặc chọn tệp .xlsx.';

/**
 * The text of a CSV file: UTF-8 (a BOM is dropped), or UTF-16 when it starts with a UTF-16 BOM
 * (Excel's "Unicode Text"). Anything else (Windows-1258, TCVN3) is refused rather than guessed:
 * names read in the wrong code page would be imported misspelled.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string } | { error: string } {
  const [a, b] = [bytes[0], bytes[1]];
  const encoding = a === 0xff && b === 0xfe ? 'utf-16le' : a === 0xfe && b === 0xff ? 'utf-16be' : 'utf-8';
  try {
    // TextDecoder drops the BOM of the encoding it decodes.
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    return { error: NOT_UTF8 };
  }
}

/** Excel's "sep=;" first line names the delimiter; otherwise the header line's most frequent one. */
function delimiterOf(text: string): { delimiter: CsvDelimiter; skip: number } {
  const hint = /^sep=([,;\t])\r?\n/.exec(text);
  if (hint?.[1] === ',' || hint?.[1] === ';' || hint?.[1] === '\t') return { delimiter: hint[1], skip: hint[0].length };
  const counts = new Map<CsvDelimiter, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return { delimiter: best, skip: 0 };
}

/**
 * The rows of a CSV text, each a list of cells as written (quotes removed, "" made "). A line
 * break inside quotes stays in the cell, so row i is record i, as Excel numbers the rows.
 * A last empty line is not a row.
 */
export function parseCsv(input: string): { rows: string[][]; delimiter: CsvDelimiter } {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const { delimiter, skip } = delimiterOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = skip;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      // A quote opens a quoted cell only at its start (spaces before it are dropped).
      cell = '';
      quoted = true;
    } else if (ch === delimiter) {
      endCell();
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) endRow();
  return { rows, delimiter };
}

/** One CSV line: cells quoted when they hold the delimiter, a quote or a line break. */
export function formatCsvRow(cells: readonly string[], delimiter: CsvDelimiter): string {
  return cells.map((c) => (c.includes(delimiter) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
}
