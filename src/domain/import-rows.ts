// The commune's household list, read into households to import: each row checked, with errors
// in Vietnamese that name the row ("Dòng 7: …"), rows grouped into households, and households
// already on the phone found. Pure: the file's cells in, a preview out (no ids, no clock).
//
// People on the list become expected members of their household, not Person records: a
// person's statuses are recorded only after their own consent, at the visit.
import { COLUMN_TITLES, findHeader, type ImportColumn } from './import-columns';
import { ExpectedMember, Household, MAX_EXPECTED_MEMBERS, newHousehold } from './household';
import { foldVietnamese } from './search-text';

/** A cell as a CSV or XLSX reader gives it. */
export type Cell = string | number | boolean | Date | null | undefined;

/** An error of one row (`row` is the file's row number, as Excel shows it), or of the whole file. */
export type ImportError = { row: number | null; message: string };

export type ImportedHousehold = {
  /** The file rows it came from, first one first. */
  rows: number[];
  hamletCode: string;
  /** As written in the file. */
  hamletName: string;
  houseNumber: string;
  street: string;
  headName: string;
  phone: string;
  expectedMembers: ExpectedMember[];
  /** The household already on the phone with the same hamlet, house number and head: not imported. */
  existingId?: string;
};

export type ImportPreview = {
  households: ImportedHousehold[];
  errors: ImportError[];
  /** Headers of columns left out. */
  ignoredColumns: string[];
};

export type ExistingHousehold = Pick<Household, 'id' | 'hamletCode' | 'houseNumber' | 'headName'>;
export type HamletRef = { code: string; name: string };

/** A commune has a few thousand households; a file far larger is not a household list. */
export const MAX_IMPORT_ROWS = 20_000;

export function errorText(e: ImportError): string {
  return e.row === null ? e.message : `Dòng ${e.row}: ${e.message}`;
}

const M = {
  noHeader: `Không tìm thấy dòng tiêu đề: tệp cần ít nhất hai cột "${COLUMN_TITLES.hamlet}" và "${COLUMN_TITLES.headName}" (xem tệp mẫu).`,
  noRows: 'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.',
  tooMany: `Tệp có quá ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng: hãy chia theo thôn.`,
  noHamlet: 'Thiếu tên thôn',
  unknownHamlet: (name: string) => `Không có thôn “${name}” trong xã: sửa tên cho đúng, hoặc thêm thôn này trước`,
  noHousehold: 'Thiếu thôn và họ tên chủ hộ (dòng đầu của mỗi hộ phải có)',
  repeated: (row: number) => `Hộ này đã có ở dòng ${row} (cùng thôn, số nhà và chủ hộ): các dòng của một hộ phải liền nhau`,
  differs: (title: string, row: number) => `${title} khác với dòng ${row} của cùng hộ`,
  dateInText: (title: string) => `${title} bị Excel đổi thành ngày tháng: định dạng cột là Văn bản (Text) rồi nhập lại`,
  yearWithoutName: `Có năm sinh nhưng thiếu ${COLUMN_TITLES.memberName.toLowerCase()}`,
  noYear: 'Thiếu năm sinh của thành viên',
  badYear: (raw: string) => `Năm sinh không hợp lệ: “${raw}”`,
  futureYear: 'Năm sinh không được sau năm hiện tại',
  sameMember: (row: number) => `Thành viên này đã có ở dòng ${row} của cùng hộ`,
  tooManyMembers: `Hộ có quá ${MAX_EXPECTED_MEMBERS} thành viên`,
};

/** Text of a cell: trimmed, inner spaces collapsed, composed (NFC) so names compare equal. */
function textOf(cell: Cell): string {
  if (cell === null || cell === undefined || cell instanceof Date) return '';
  return String(cell).normalize('NFC').replace(/\s+/g, ' ').trim();
}

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

/** Hamlet, house number and head, folded: the same household however it is written. */
export function householdKey(h: { hamletCode: string; houseNumber: string; headName: string }): string {
  return [h.hamletCode, fold(h.houseNumber), fold(h.headName)].join('|');
}

/**
 * A phone as offices write it: spaces, dots, dashes dropped, +84/84 made 0, and the leading 0
 * that Excel strips from a number cell put back.
 */
export function normalizePhone(raw: string): string {
  let p = raw.replace(/[\s.\-()]/g, '');
  if (/^\+84\d{9,10}$/.test(p)) p = `0${p.slice(3)}`;
  else if (/^84\d{9,10}$/.test(p)) p = `0${p.slice(2)}`;
  else if (/^[1-9]\d{8,9}$/.test(p)) p = `0${p}`;
  return p;
}

/** Birth year from a year, or a full date whose day and month are dropped (birth year only). */
export function birthYearOf(cell: Cell): { year: number } | { error: string } | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { error: M.badYear('') } : { year: cell.getUTCFullYear() };
  const raw = textOf(cell);
  if (raw === '') return undefined;
  const match = /^(\d{4})$/.exec(raw) ?? /^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})$/.exec(raw) ?? /^(\d{4})-\d{1,2}-\d{1,2}/.exec(raw);
  return match?.[1] === undefined ? { error: M.badYear(raw) } : { year: Number(match[1]) };
}

const KIND_WORDS = /^(thon|to dan pho|tdp|ap|ban|buon|lang|soc|khu pho|khom|xom|to|khu) /;

/** The hamlet a file names, by code, name, or name without its kind ("3" for "Thôn 3"). */
export function resolveHamlet(name: string, hamlets: readonly HamletRef[]): HamletRef | undefined {
  const key = fold(name);
  const exact = hamlets.find((h) => fold(h.name) === key || fold(h.code) === key);
  if (exact !== undefined) return exact;
  const bare = (s: string) => fold(s).replace(KIND_WORDS, '');
  const loose = hamlets.filter((h) => bare(h.name) === bare(name));
  return loose.length === 1 ? loose[0] : undefined;
}

type Block = ImportedHousehold & { key: string; streetRow: number; phoneRow: number; memberRows: number[] };

function firstIssue(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: readonly { message: string }[] } } }, value: unknown): string | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : parsed.error?.issues[0]?.message;
}

/**
 * Reads the list: finds the header, checks each row, groups rows into households (a row with
 * no hamlet, house number or head continues the household above, as under merged cells), and
 * marks households the phone already has. `year` is the current year, for birth years.
 */
export function previewImport(
  cells: readonly (readonly Cell[])[],
  context: { hamlets: readonly HamletRef[]; existing: readonly ExistingHousehold[]; year: number },
): ImportPreview {
  const text = cells.map((r) => r.map(textOf));
  const header = findHeader(text);
  if (header === undefined) return { households: [], errors: [{ row: null, message: M.noHeader }], ignoredColumns: [] };
  const errors: ImportError[] = [];
  const fail = (row: number, message: string) => errors.push({ row, message });
  const col = (r: number, c: ImportColumn) => {
    const i = header.columns[c];
    return i === undefined ? { text: '', cell: undefined } : { text: text[r]?.[i] ?? '', cell: cells[r]?.[i] };
  };

  const blocks: Block[] = [];
  const seen = new Map<string, number>();
  let current: Block | undefined;
  let dataRows = 0;
  for (let r = header.index + 1; r < cells.length; r++) {
    const row = r + 1;
    const get = (c: ImportColumn) => col(r, c);
    if ((text[r] ?? []).every((t) => t === '') && !(cells[r] ?? []).some((c) => c instanceof Date)) continue;
    if (++dataRows > MAX_IMPORT_ROWS) return { households: [], errors: [{ row: null, message: M.tooMany }], ignoredColumns: header.ignored };
    for (const c of ['hamlet', 'houseNumber', 'street', 'headName', 'phone', 'memberName'] as const) {
      if (get(c).cell instanceof Date) fail(row, M.dateInText(COLUMN_TITLES[c]));
    }
    const [hamlet, houseNumber, headName] = [get('hamlet').text, get('houseNumber').text, get('headName').text];
    const found = hamlet === '' ? undefined : resolveHamlet(hamlet, context.hamlets);
    // Under merged cells, or with the hamlet repeated on every row, a member's row names no head.
    const continues = houseNumber === '' && headName === '' && (hamlet === '' || (current !== undefined && found?.code === current.hamletCode));
    if (!continues) {
      const key = householdKey({ hamletCode: found?.code ?? `?${fold(hamlet)}`, houseNumber, headName });
      if (current?.key !== key) {
        if (hamlet === '') fail(row, M.noHamlet);
        else if (found === undefined) fail(row, M.unknownHamlet(hamlet));
        const problem = firstIssue(Household.shape.headName, headName) ?? firstIssue(Household.shape.houseNumber, houseNumber);
        if (problem !== undefined) fail(row, problem);
        const earlier = seen.get(key);
        if (earlier !== undefined) fail(row, M.repeated(earlier));
        else seen.set(key, row);
        current = {
          key, rows: [], hamletCode: found?.code ?? '', hamletName: hamlet, houseNumber, headName,
          street: '', phone: '', expectedMembers: [], streetRow: 0, phoneRow: 0, memberRows: [],
        };
        blocks.push(current);
      }
    } else if (current === undefined) {
      fail(row, M.noHousehold);
      continue;
    }
    current.rows.push(row);
    readHouseholdField(current, 'street', get('street').text, row, fail);
    readHouseholdField(current, 'phone', normalizePhone(get('phone').text), row, fail);
    readMember(current, get('memberName').text, get('birthYear').cell, row, context.year, fail);
  }
  if (dataRows === 0) errors.push({ row: null, message: M.noRows });

  const existing = new Map(context.existing.map((h) => [householdKey(h), h.id]));
  const households = blocks.map(({ key, streetRow: _s, phoneRow: _p, memberRows: _m, ...h }): ImportedHousehold => {
    const existingId = existing.get(key);
    return existingId === undefined ? h : { ...h, existingId };
  });
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { households, errors, ignoredColumns: header.ignored };
}

/** Street and phone: written on the household's first row, or the same on every row. */
function readHouseholdField(block: Block, field: 'street' | 'phone', value: string, row: number, fail: (row: number, m: string) => void) {
  if (value === '') return;
  const rowField = field === 'street' ? 'streetRow' : 'phoneRow';
  if (block[field] === '') {
    const problem = firstIssue(Household.shape[field], value);
    if (problem !== undefined) fail(row, problem);
    block[field] = value;
    block[rowField] = row;
  } else if (fold(block[field]) !== fold(value)) {
    fail(row, M.differs(COLUMN_TITLES[field], block[rowField]));
  }
}

function readMember(block: Block, name: string, yearCell: Cell, row: number, year: number, fail: (row: number, m: string) => void) {
  const birth = birthYearOf(yearCell);
  if (name === '') {
    if (birth !== undefined) fail(row, M.yearWithoutName);
    return;
  }
  if (birth === undefined) return fail(row, M.noYear);
  if ('error' in birth) return fail(row, birth.error);
  const member = { name, birthYear: birth.year };
  const problem = firstIssue(ExpectedMember, member) ?? (birth.year > year ? M.futureYear : undefined);
  if (problem !== undefined) return fail(row, problem);
  const same = block.expectedMembers.findIndex((m) => m.birthYear === member.birthYear && fold(m.name) === fold(name));
  if (same >= 0) return fail(row, M.sameMember(block.memberRows[same] ?? row));
  if (block.expectedMembers.length === MAX_EXPECTED_MEMBERS) return fail(row, M.tooManyMembers);
  block.expectedMembers.push(member);
  block.memberRows.push(row);
}

/** The households an import may write: none while any row has an error; never one the phone has. */
export function householdsToImport(preview: ImportPreview): ImportedHousehold[] {
  return preview.errors.length > 0 ? [] : preview.households.filter((h) => h.existingId === undefined);
}

/** The record an imported household becomes: nothing recorded yet, its list kept as expected members. */
export function importedHousehold(h: ImportedHousehold, fields: { id: string; communeCode: string; now: string }): Household {
  return {
    ...newHousehold({ id: fields.id, communeCode: fields.communeCode, hamletCode: h.hamletCode, createdAt: fields.now }),
    houseNumber: h.houseNumber,
    street: h.street,
    headName: h.headName,
    phone: h.phone,
    expectedMembers: h.expectedMembers,
  };
}
