// CSV as offices in Vietnam make and open it. Reading: UTF-8 (with or without BOM) or Excel's
// UTF-16 "Unicode Text", commas, semicolons (Excel on Vietnamese Windows) or tabs, RFC 4180
// quotes. Writing: UTF-8 with a byte-order mark (without it Excel shows "Nguyá»…n"), CRLF.

export const NOT_UTF8 =
  'Tệp không ở dạng UTF-8 nên tên tiếng Việt sẽ bị sai. Trong Excel, chọn "Lưu thành" → "CSV UTF-8 (Comma delimited)" rồi chọn lại tệp.';

const BOM = '\uFEFF';
const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export function decodeCsvBytes(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.startsWith(BOM) ? text.slice(1) : text };
  } catch {
    return { error: NOT_UTF8 };
  }
}

/** Lines looked at for the delimiter: a title row above the header ("DANH SÁCH HỘ…") has none. */
const SNIFF_LINES = 10;

/**
 * The delimiter that splits some line of the first few the most (the header is usually the
 * widest), counting only outside quotes; ',' when none does.
 */
function detectDelimiter(text: string): Delimiter {
  const most = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let line = new Map<string, number>();
  const endLine = () => {
    for (const [d, n] of line) most.set(d, Math.max(most.get(d) ?? 0, n));
    line = new Map();
  };
  let quoted = false;
  let lines = 0;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      endLine();
      if (++lines === SNIFF_LINES) break;
    } else if (!quoted && most.has(ch)) line.set(ch, (line.get(ch) ?? 0) + 1);
  }
  endLine();
  return DELIMITERS.reduce((best, d) => ((most.get(d) ?? 0) > (most.get(best) ?? 0) ? d : best), ',' as Delimiter);
}

export function parseCsv(input: string): { rows: string[][]; delimiter: Delimiter } {
  let text = input.startsWith(BOM) ? input.slice(1) : input;
  let delimiter: Delimiter | undefined;
  const sep = /^sep=(.)\r?\n?/.exec(text);
  if (sep && DELIMITERS.includes(sep[1] as Delimiter)) {
    delimiter = sep[1] as Delimiter;
    text = text.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(text);

  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  const endCell = () => {
    row.push(cell);
    cell = '';
    atCellStart = true;
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (atCellStart && ch === '"') {
      // A quoted cell: until the closing quote; "" is a quote.
      i += 1;
      for (;;) {
        if (i >= text.length) break;
        const c = text[i] ?? '';
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (c === '"') {
          i += 1;
          break;
        } else {
          cell += c;
          i += 1;
        }
      }
      atCellStart = false;
      continue;
    }
    atCellStart = false;
    if (ch === delimiter) {
      endCell();
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  if (cell !== '' || row.length > 0 || !atCellStart) endRow();
  return { rows, delimiter };
}

export function formatCsvRow(cells: readonly string[], delimiter: string = ','): string {
  const needsQuotes = (v: string) => v.includes(delimiter) || /["\r\n]/.test(v);
  return cells.map((v) => (needsQuotes(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter);
}

/** A whole file for Excel: BOM, comma-separated, CRLF. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => formatCsvRow(row, ',')).join('\r\n') + '\r\n';
}
