// Reads the file a lead chose into rows of cells: CSV here, XLSX through xlsx-reader.ts, which
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

let reader: Promise<typeof import('./xlsx-reader')> | undefined;

/** Starts loading the XLSX reader; the same promise every time, retried after a failure. */
export function loadXlsxReader(): Promise<typeof import('./xlsx-reader')> {
  reader ??= import('./xlsx-reader').catch((error: unknown) => {
    reader = undefined;
    throw error;
  });
  return reader;
}

/** A read that has not ended by then will not: say so rather than spin for ever. */
const XLSX_TIMEOUT_MS = 60_000;

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
  let xlsx: typeof import('./xlsx-reader');
  try {
    xlsx = await loadXlsxReader();
  } catch {
    return { error: M.noReader };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), XLSX_TIMEOUT_MS)));
    const rows = await Promise.race([xlsx.readFirstSheet(bytes), timeout]);
    return { cells: rows.map((row) => row.map(cellOf)) };
  } catch {
    return { error: M.badXlsx };
  } finally {
    clearTimeout(timer);
  }
}

function cellOf(value: unknown): Cell {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return null;
}
