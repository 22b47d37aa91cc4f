import { describe, expect, it } from 'vitest';
import { NOT_UTF8, decodeCsvBytes, formatCsvRow, parseCsv } from './csv';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('parseCsv', () => {
  it.each([
    ['commas', 'a,b,c\r\n1,2,3\r\n', ',', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['semicolons (Excel on Vietnamese Windows)', 'Thôn;Số nhà\nThôn 1;12\n', ';', [['Thôn', 'Số nhà'], ['Thôn 1', '12']]],
    ['tabs', 'a\tb\n1\t2', '\t', [['a', 'b'], ['1', '2']]],
    ['a semicolon file whose cells hold commas', 'Địa chỉ;Tên\n"12, Xóm Đồng";An\n', ';', [['Địa chỉ', 'Tên'], ['12, Xóm Đồng', 'An']]],
    ['a comma file whose header quotes a semicolon', '"a;b",c\n1,2\n', ',', [['a;b', 'c'], ['1', '2']]],
  ])('splits %s', (_, text, delimiter, rows) => {
    expect(parseCsv(text)).toEqual({ rows, delimiter });
  });

  it.each([
    ['doubled quotes', '"Nguyễn ""Ba"" An",x', [['Nguyễn "Ba" An', 'x']]],
    ['a line break inside quotes, kept in the cell (one record, one row)', '"dòng 1\ndòng 2",x\ny,z', [['dòng 1\ndòng 2', 'x'], ['y', 'z']]],
    ['empty cells', ',,\n', [['', '', '']]],
    ['a last line without a line break', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['CR-only line ends', 'a,b\r1,2\r', [['a', 'b'], ['1', '2']]],
    ['empty lines kept as rows, so row numbers stay right', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['a quote in the middle of a cell, kept as written', 'số 5"A",x', [['số 5"A"', 'x']]],
    ['a BOM left in the text', '\uFEFFThôn,Số nhà\n', [['Thôn', 'Số nhà']]],
  ])('reads %s', (_, text, rows) => {
    expect(parseCsv(text).rows).toEqual(rows);
  });

  it('finds the delimiter below a title row that has none', () => {
    expect(parseCsv('DANH SÁCH HỘ, THÔN 1\r\n\r\nSTT;Thôn;Số nhà;Họ tên chủ hộ\r\n1;Thôn 1;12;An\r\n').delimiter).toBe(';');
  });

  it('follows Excel\'s "sep=" line and does not count it as a row', () => {
    expect(parseCsv('sep=;\r\na,b;c\r\n')).toEqual({ rows: [['a,b', 'c']], delimiter: ';' });
  });

  it('reads nothing from an empty file', () => {
    expect(parseCsv('').rows).toEqual([]);
  });
});

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with and without a BOM alike', () => {
    const text = 'Thôn;Họ tên chủ hộ\nThôn 1;Đặng Thị Ánh\n';
    expect(decodeCsvBytes(utf8(text))).toEqual({ text });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({ text });
  });

  it('reads UTF-16 little-endian with its BOM (Excel "Unicode Text")', () => {
    const text = 'Thôn\tSố nhà';
    const bytes = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeCsvBytes(bytes)).toEqual({ text });
  });

  it('refuses a Windows-1258 file rather than importing misspelled names', () => {
    // "Thôn" in Windows-1258: ô is 0xF4, not valid UTF-8 on its own.
    expect(decodeCsvBytes(new Uint8Array([0x54, 0x68, 0xf4, 0x6e, 0x0a]))).toEqual({ error: NOT_UTF8 });
  });
});

describe('formatCsvRow', () => {
  it('quotes only the cells that need it, and round-trips through parseCsv', () => {
    const cells = ['Thôn 1', '12;A', 'Nguyễn "Ba"', 'dòng\nhai', ''];
    const line = formatCsvRow(cells, ';');
    expect(line).toBe('Thôn 1;"12;A";"Nguyễn ""Ba""";"dòng\nhai";');
    expect(parseCsv(`a;b;c;d;e\n${line}\n`).rows[1]).toEqual(cells);
  });
});
