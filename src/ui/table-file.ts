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

type XlsxReader = { readSheet: typeof import('read-excel-file/browser').readSheet; unzipSync: typeof import('fflate').unzipSync; zipSync: typeof import('fflate').zipSync };
let reader: Promise<XlsxReader> | undefined;

/** Starts loading the XLSX reader; the same promise every time, retried after a failure. */
export function loadXlsxReader(): Promise<XlsxReader> {
  reader ??= Promise.all([import('read-excel-file/browser'), import('fflate')]).then(
    ([excel, zip]) => ({ readSheet: excel.readSheet, unzipSync: zip.unzipSync, zipSync: zip.zipSync }),
    (error: unknown) => {
      reader = undefined;
      throw error;
    },
  );
  return reader;
}

/**
 * The workbook's XML parts packed again without compression. read-excel-file unzips with
 * fflate, which inflates large parts (over 512 KB: a commune's sheet) in a blob: worker; the
 * app's CSP (worker-src 'self') blocks that and the read never ends. Stored parts are read in
 * place, with no worker.
 */
function withStoredParts(bytes: Uint8Array, { unzipSync, zipSync }: XlsxReader): Uint8Array {
  const parts = unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/i.test(f.name) });
  return zipSync(parts, { level: 0 });
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
  let xlsx: XlsxReader;
  try {
    xlsx = await loadXlsxReader();
  } catch {
    return { error: M.noReader };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const stored = withStoredParts(new Uint8Array(bytes), xlsx);
    // Dates come as Date objects (a birth date keeps only its year); text keeps its spaces for us to trim.
    const exact = stored.byteOffset === 0 && stored.byteLength === stored.buffer.byteLength ? stored.buffer : stored.slice().buffer;
    const read = xlsx.readSheet(exact as ArrayBuffer, { trim: false });
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), XLSX_TIMEOUT_MS)));
    const rows = await Promise.race([read, timeout]);
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
