// The columns of the commune's household list and the names offices give them. One row per
// person; rows of one household follow each other (see docs/import-template.md). Pure.
import { formatCsvRow } from './csv';
import { foldVietnamese } from './search-text';

export type ImportColumn = 'hamlet' | 'houseNumber' | 'street' | 'headName' | 'phone' | 'memberName' | 'birthYear';

/** The template's header, which is also what the preview and the errors call each column. */
export const COLUMN_TITLES: Readonly<Record<ImportColumn, string>> = {
  hamlet: 'Thôn',
  houseNumber: 'Số nhà',
  street: 'Đường/Xóm',
  headName: 'Họ tên chủ hộ',
  phone: 'Số điện thoại',
  memberName: 'Họ tên thành viên',
  birthYear: 'Năm sinh',
};

/** Other headers seen in commune lists, folded (see headerKey). */
const ALIASES: Readonly<Record<ImportColumn, readonly string[]>> = {
  hamlet: ['thon', 'thon to dan pho', 'thon tdp', 'thon ap', 'thon ban', 'thon xom', 'to dan pho', 'tdp', 'ap', 'ban', 'khu pho', 'ten thon'],
  houseNumber: ['so nha', 'so nha ngo', 'nha so'],
  street: ['duong xom', 'duong', 'xom', 'duong pho', 'ngo duong', 'dia chi', 'duong xom ngo'],
  headName: ['ho ten chu ho', 'ho va ten chu ho', 'chu ho', 'ten chu ho'],
  phone: ['so dien thoai', 'dien thoai', 'sdt', 'so dt', 'dt lien he', 'dien thoai lien he', 'so dien thoai lien he'],
  memberName: ['ho ten thanh vien', 'ho va ten thanh vien', 'thanh vien', 'ho ten', 'ho va ten', 'ho ten nhan khau', 'nhan khau'],
  birthYear: ['nam sinh', 'ngay sinh', 'ngay thang nam sinh', 'nam sinh thanh vien'],
};

/** A header cell folded for matching: no marks, no case, no "(…)", words joined by one space. */
export function headerKey(title: string): string {
  return foldVietnamese(title.replace(/\(.*?\)|\*/g, ' '))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const COLUMN_OF = new Map<string, ImportColumn>(
  (Object.keys(ALIASES) as ImportColumn[]).flatMap((column) => [headerKey(COLUMN_TITLES[column]), ...ALIASES[column]].map((k) => [k, column] as const)),
);

export type HeaderMap = {
  /** Index of the header row among the rows given. */
  index: number;
  columns: Partial<Record<ImportColumn, number>>;
  /** Headers of columns the import leaves out (an ID-card column, for instance: never stored). */
  ignored: string[];
};

/** How far down a header may sit, under a title such as "DANH SÁCH HỘ GIA ĐÌNH THÔN 3". */
const HEADER_SEARCH_ROWS = 10;

/** The first row naming at least the hamlet and the head of household, or undefined. */
export function findHeader(rows: readonly (readonly string[])[]): HeaderMap | undefined {
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const columns: Partial<Record<ImportColumn, number>> = {};
    const ignored: string[] = [];
    (rows[index] ?? []).forEach((title, i) => {
      const column = COLUMN_OF.get(headerKey(title));
      if (column !== undefined && columns[column] === undefined) columns[column] = i;
      else if (title.trim() !== '') ignored.push(title.trim());
    });
    if (columns.hamlet !== undefined && columns.headName !== undefined) return { index, columns, ignored };
  }
  return undefined;
}

/** Example rows of the template: two households, the second written on its first row only. */
const TEMPLATE_ROWS: readonly (readonly string[])[] = [
  ['Thôn 1', '12', 'Xóm Đồng', 'Nguyễn Văn An', '0912345678', 'Nguyễn Văn An', '1975'],
  ['Thôn 1', '12', 'Xóm Đồng', 'Nguyễn Văn An', '0912345678', 'Trần Thị Bình', '1978'],
  ['Thôn 1', '12', 'Xóm Đồng', 'Nguyễn Văn An', '0912345678', 'Nguyễn Thị Cúc', '2008'],
  ['Thôn 2', '', 'Đường Lê Lợi', 'Lò Văn Dũng', '', 'Lò Văn Dũng', '1960'],
  ['', '', '', '', '', 'Lò Thị Em', '1990'],
];

/** The downloadable template (';' as Excel on Vietnamese Windows expects; UTF-8 BOM is added by the caller). */
export function templateCsv(): string {
  const order: readonly ImportColumn[] = ['hamlet', 'houseNumber', 'street', 'headName', 'phone', 'memberName', 'birthYear'];
  return [order.map((c) => COLUMN_TITLES[c]), ...TEMPLATE_ROWS].map((r) => formatCsvRow(r, ';')).join('\r\n') + '\r\n';
}
