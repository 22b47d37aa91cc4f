// Reads the file a lead chose into rows of cells: CSV here, XLSX through read-excel-file, which
// is loaded only when the import screen opens (a separate chunk, never in the first start).
import { decodeCsvBytes, parseCsv } from '../domain/csv';
import type { Cell } from '../domain/import-rows';

export type TableFile = { cells: Cell[][] } | { error: string };

/** A commune's list is well under this; a larger file is not one. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const M = {
  tooBig: 'Tệp lớn quá 10 MB: hãy chia danh sách theo thôn.',
  xls: 'Tệp .xls (Excel 97–2003) chưa đọc được: trong Excel chọn Lưu thành → "Excel Workbook (.xlsx)" hoặc "CSV UTF-8".',
  unknownType: 'Chỉ đọc được tệp .csv hoặc .xlsx.',
  badXlsx: 'Không đọc được tệp Excel này: tệp bị hỏng hoặc không phải .xlsx.',
  noReader: 'Không tải được phần đọc tệp Excel (lần đầu cần có mạng). Hãy thử lại khi có mạng, hoặc dùng tệp CSV.',
};

let reader: Promise<typeof import('read-excel-file/browser')> | undefined;

/** Starts loading the XLSX reader; the same promise every time, retried after a failure. */
export function loadXlsxReader(): Promise<typeof import('read-excel-file/browser')> {
  reader ??= import('read-excel-file/browser').catch((error: unknown) => {
    reader = undefined;
    throw error;
  });
  return reader;
}

function kindOf(name: string): 'csv' | 'xlsx' | 'xls' | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'txt' ? 'csv' : ext === 'xlsx' ? 'xlsx' : ext === 'xls' ? 'xls' : undefined;
}

export async function readTableFile(file: { name: string; size: number; arrayBuffer: () => Promise<ArrayBuffer> }): Promise<TableFile> {
  if (file.size > MAX_FILE_BYTES) return { error: M.tooBig };
  const kind = kindOf(file.name);
  if (kind === 'xls') return { error: M.xls };
  if (kind === undefined) return { error: M.unknownType };
  const bytes = await file.arrayBuffer();
  if (kind === 'csv') {
    const decoded = decodeCsvBytes(new Uint8Array(bytes));
    return 'error' in decoded ? decoded : { cells: parseCsv(decoded.text).rows };
  }
  let readSheet;
  try {
    ({ readSheet } = await loadXlsxReader());
  } catch {
    return { error: M.noReader };
  }
  try {
    // Dates come as Date objects (a birth date keeps only its year); text keeps its spaces for us to trim.
    const rows = await readSheet(bytes, { trim: false });
    return { cells: rows.map((row) => row.map(cellOf)) };
  } catch {
    return { error: M.badXlsx };
  }
}

function cellOf(value: unknown): Cell {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return null;
}
