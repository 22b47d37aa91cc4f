import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { findHeader, headerKey, templateCsv } from './import-columns';
import {
  birthYearOf,
  errorText,
  householdKey,
  householdsToImport,
  importedHousehold,
  normalizePhone,
  previewImport,
  resolveHamlet,
  type Cell,
  type ExistingHousehold,
} from './import-rows';
import { Household } from './household';

const HAMLETS = [
  { code: 'T1', name: 'Thôn 1' },
  { code: 'T2', name: 'Thôn 2' },
  { code: 'DT', name: 'Thôn Đồng Tâm' },
];
const HEADER = 'Thôn;Số nhà;Đường/Xóm;Họ tên chủ hộ;Số điện thoại;Họ tên thành viên;Năm sinh';

function preview(lines: readonly string[], existing: readonly ExistingHousehold[] = []) {
  return previewImport(parseCsv(lines.join('\n')).rows, { hamlets: HAMLETS, existing, year: 2026 });
}
const errorsOf = (lines: readonly string[], existing: readonly ExistingHousehold[] = []) => preview(lines, existing).errors.map(errorText);

describe('headers', () => {
  it.each([
    ['Họ và tên chủ hộ (*)', 'ho va ten chu ho'],
    ['  ĐƯỜNG/XÓM ', 'duong xom'],
    ['SĐT', 'sdt'],
    ['Năm sinh (yyyy)', 'nam sinh'],
  ])('%j folds to %j', (title, key) => {
    expect(headerKey(title)).toBe(key);
  });

  it('finds the header under a title row, maps the names offices use, and lists the columns left out', () => {
    const rows = [['DANH SÁCH HỘ GIA ĐÌNH THÔN 1'], [], ['STT', 'Tổ dân phố', 'Họ và tên chủ hộ', 'SĐT', 'Họ và tên', 'Ngày sinh', 'Số CCCD']];
    expect(findHeader(rows)).toEqual({
      index: 2,
      columns: { hamlet: 1, headName: 2, phone: 3, memberName: 4, birthYear: 5 },
      ignored: ['STT', 'Số CCCD'],
    });
  });

  it('refuses a file without the hamlet and head columns', () => {
    expect(errorsOf(['Tên;Tuổi', 'An;30'])).toEqual([
      'Không tìm thấy dòng tiêu đề: tệp cần ít nhất hai cột "Thôn" và "Họ tên chủ hộ" (xem tệp mẫu).',
    ]);
  });

  it('refuses a file with a header and no data', () => {
    expect(errorsOf([HEADER, ';;;;;;'])).toEqual(['Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.']);
  });
});

describe('the template', () => {
  it('reads back without an error: two households, the second written on its first row only', () => {
    const result = previewImport(parseCsv(templateCsv()).rows, { hamlets: HAMLETS, existing: [], year: 2026 });
    expect(result.errors).toEqual([]);
    expect(result.households.map((h) => [h.rows, h.hamletCode, h.headName, h.phone, h.expectedMembers.length])).toEqual([
      [[2, 3, 4], 'T1', 'Nguyễn Văn An', '0912345678', 3],
      [[5, 6], 'T2', 'Lò Văn Dũng', '', 2],
    ]);
  });
});

describe('previewImport: grouping', () => {
  it('groups consecutive rows of one household and keeps its members as expected members', () => {
    const { households, errors } = preview([
      HEADER,
      'Thôn 1;12;Xóm Đồng;Nguyễn Văn An;0912 345 678;Nguyễn Văn An;1975',
      'thon 1;12;;NGUYỄN VĂN AN;;Trần Thị Bình;01/02/1978',
      'Thôn 2;;;Lò Văn Dũng;;;',
    ]);
    expect(errors).toEqual([]);
    expect(households).toEqual([
      {
        rows: [2, 3], hamletCode: 'T1', hamletName: 'Thôn 1', houseNumber: '12', street: 'Xóm Đồng', headName: 'Nguyễn Văn An', phone: '0912345678',
        expectedMembers: [{ name: 'Nguyễn Văn An', birthYear: 1975 }, { name: 'Trần Thị Bình', birthYear: 1978 }],
      },
      { rows: [4], hamletCode: 'T2', hamletName: 'Thôn 2', houseNumber: '', street: '', headName: 'Lò Văn Dũng', phone: '', expectedMembers: [] },
    ]);
  });

  it('continues a household on rows that repeat only the hamlet (head written once)', () => {
    const { households, errors } = preview([HEADER, 'Thôn 1;5;;Hà Văn Cường;;Hà Văn Cường;1950', 'Thôn 1;;;;;Hà Thị Dung;1955']);
    expect(errors).toEqual([]);
    expect(households.map((h) => h.expectedMembers.length)).toEqual([2]);
  });

  it('skips blank lines but numbers rows as the file does', () => {
    expect(errorsOf([HEADER, '', 'Thôn 9;1;;An;;;'])).toEqual(['Dòng 3: Không có thôn “Thôn 9” trong xã: sửa tên cho đúng, hoặc thêm thôn này trước']);
  });
});

describe('previewImport: row errors in Vietnamese', () => {
  it.each([
    ['a birth year before 1900', 'Thôn 1;1;;An;;An;1899', 'Dòng 2: Năm sinh phải từ 1900 trở đi'],
    ['a birth year after this year', 'Thôn 1;1;;An;;An;2027', 'Dòng 2: Năm sinh không được sau năm hiện tại'],
    ['a birth year that is not one', 'Thôn 1;1;;An;;An;năm 80', 'Dòng 2: Năm sinh không hợp lệ: “năm 80”'],
    ['a member without a birth year', 'Thôn 1;1;;An;;An;', 'Dòng 2: Thiếu năm sinh của thành viên'],
    ['a birth year without a member', 'Thôn 1;1;;An;;;1980', 'Dòng 2: Có năm sinh nhưng thiếu họ tên thành viên'],
    ['an unknown hamlet', 'Thôn 7;1;;An;;;', 'Dòng 2: Không có thôn “Thôn 7” trong xã: sửa tên cho đúng, hoặc thêm thôn này trước'],
    ['no hamlet', ';1;;An;;;', 'Dòng 2: Thiếu tên thôn'],
    ['no head of household', 'Thôn 1;1;;;;An;1980', 'Dòng 2: Nhập họ tên chủ hộ'],
    ['a wrong phone', 'Thôn 1;1;;An;12345;;', 'Dòng 2: Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0'],
    ['a house number too long', `Thôn 1;${'9'.repeat(31)};;An;;;`, 'Dòng 2: Số nhà quá dài'],
    ['a member row before any household', ';;;;;An;1980', 'Dòng 2: Thiếu thôn và họ tên chủ hộ (dòng đầu của mỗi hộ phải có)'],
  ])('%s', (_, line, message) => {
    expect(errorsOf([HEADER, line])).toEqual([message]);
  });

  it('names the row a household field disagrees with', () => {
    expect(errorsOf([HEADER, 'Thôn 1;1;;An;0912345678;An;1980', 'Thôn 1;1;;An;0987654321;Bình;1982'])).toEqual([
      'Dòng 3: Số điện thoại khác với dòng 2 của cùng hộ',
    ]);
  });

  it('reports a date that Excel made of a house number instead of guessing it back', () => {
    const cells: Cell[][] = [['Thôn', 'Số nhà', 'Họ tên chủ hộ'], ['Thôn 1', new Date(Date.UTC(2026, 2, 12)), 'An']];
    expect(previewImport(cells, { hamlets: HAMLETS, existing: [], year: 2026 }).errors.map(errorText)).toEqual([
      'Dòng 2: Số nhà bị Excel đổi thành ngày tháng: định dạng cột là Văn bản (Text) rồi nhập lại',
    ]);
  });

  it('lists every error, in row order, and then nothing may be imported', () => {
    const result = preview([HEADER, 'Thôn 1;1;;An;;An;1980', 'Thôn 7;2;;Bình;;;', 'Thôn 1;3;;Cúc;;Cúc;1800']);
    expect(result.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(householdsToImport(result)).toEqual([]);
  });
});

describe('previewImport: duplicates', () => {
  it('refuses the same household written again further down the file', () => {
    expect(errorsOf([HEADER, 'Thôn 1;12;;Nguyễn Văn An;;;', 'Thôn 2;3;;Lò Văn Dũng;;;', 'thôn 1;12;;Nguyen Van An;;;'])).toEqual([
      'Dòng 4: Hộ này đã có ở dòng 2 (cùng thôn, số nhà và chủ hộ): các dòng của một hộ phải liền nhau',
    ]);
  });

  it('refuses the same person twice in one household', () => {
    expect(errorsOf([HEADER, 'Thôn 1;1;;An;;Lê Bình;1980', 'Thôn 1;1;;An;;le binh;1980'])).toEqual(['Dòng 3: Thành viên này đã có ở dòng 2 của cùng hộ']);
  });

  it('marks households already on the phone (folded head, house number, hamlet) and leaves them out of the import', () => {
    const existing = [{ id: 'h-old', hamletCode: 'T1', houseNumber: '12', headName: 'Nguyễn  Văn An' }];
    const result = preview([HEADER, 'Thôn 1;12;;NGUYEN VAN AN;;;', 'Thôn 2;12;;Nguyễn Văn An;;;'], existing);
    expect(result.errors).toEqual([]);
    expect(result.households.map((h) => h.existingId)).toEqual(['h-old', undefined]);
    expect(householdsToImport(result).map((h) => h.hamletCode)).toEqual(['T2']);
  });
});

describe('cells', () => {
  it.each([
    ['1975', 1975],
    [1975, 1975],
    ['05/11/1975', 1975],
    ['5-11-1975', 1975],
    ['1975-11-05', 1975],
    [new Date(Date.UTC(1975, 10, 5)), 1975],
  ])('birth year of %j is %i (only the year is kept)', (cell, year) => {
    expect(birthYearOf(cell)).toEqual({ year });
  });

  it.each([
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['912345678', '0912345678'],
    ['2033123456', '02033123456'],
    ['', ''],
  ])('phone %j reads as %j', (raw, phone) => {
    expect(normalizePhone(raw)).toBe(phone);
  });

  it.each([
    ['Thôn 1', 'T1'],
    ['THÔN 1', 'T1'],
    ['t2', 'T2'],
    ['Đồng Tâm', 'DT'],
    ['thon dong tam', 'DT'],
    ['2', 'T2'],
    ['Thôn 3', undefined],
  ])('hamlet %j is %s', (name, code) => {
    expect(resolveHamlet(name, HAMLETS)?.code).toBe(code);
  });

  it('keys households by folded hamlet, house number and head', () => {
    expect(householdKey({ hamletCode: 'T1', houseNumber: ' 12A ', headName: 'Đặng  Thị Ánh' })).toBe('T1|12a|dang thi anh');
  });
});

describe('importedHousehold', () => {
  it('is a valid household with nothing recorded and the list as expected members', () => {
    const [h] = preview([HEADER, 'Thôn 1;12;Xóm Đồng;Nguyễn Văn An;0912345678;Trần Thị Bình;1978']).households;
    if (h === undefined) throw new Error('no household');
    const record = importedHousehold(h, { id: 'h1', communeCode: 'X1', now: '2026-03-01T08:00:00.000Z' });
    expect(Household.parse(record)).toEqual(record);
    expect(record).toMatchObject({ fiber: false, poverty: 'none', headName: 'Nguyễn Văn An', expectedMembers: [{ name: 'Trần Thị Bình', birthYear: 1978 }] });
  });
});
