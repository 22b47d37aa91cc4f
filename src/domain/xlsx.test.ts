// The writer is checked by reading its bytes back with a ZIP reader written here from the
// format's documentation, not from the writer: offsets, sizes, CRCs and the XML inside.
import { describe, expect, it } from 'vitest';
import { columnName, crc32, sheetNames, xlsxWorkbook } from './xlsx';

function readZip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map<string, string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    expect(view.getUint16(local + 8, true)).toBe(0); // stored
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(dataStart, dataStart + size);
    expect(crc32(data)).toBe(crc);
    files.set(name, decoder.decode(data));
    at += 46 + nameLength;
  }
  return files;
}

describe('crc32', () => {
  it('gives the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe('xlsxWorkbook', () => {
  const book = xlsxWorkbook([
    { name: 'Toàn xã Tân Lập', rows: [['STT', 'Chỉ tiêu', 'Số đạt'], ['1', 'Tỷ lệ hộ có cáp quang <băng rộng> & "wifi"', 1234], ['2', 'Tỷ lệ', null]], widths: [5, 60, 10] },
    { name: 'Thôn Nà Hin', rows: [['STT'], ['1']] },
  ]);
  const files = readZip(book);

  it('holds the parts Excel needs', () => {
    expect([...files.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="Toàn xã Tân Lập" sheetId="1" r:id="rId1"/><sheet name="Thôn Nà Hin" sheetId="2" r:id="rId2"/>');
  });

  it('keeps Vietnamese text, escapes markup, writes numbers as numbers and leaves empty cells out', () => {
    const sheet = files.get('xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).toContain('<c r="B1" s="1" t="inlineStr"><is><t xml:space="preserve">Chỉ tiêu</t></is></c>');
    expect(sheet).toContain('<t xml:space="preserve">Tỷ lệ hộ có cáp quang &lt;băng rộng&gt; &amp; &quot;wifi&quot;</t>');
    expect(sheet).toContain('<c r="C2"><v>1234</v></c>');
    expect(sheet).not.toContain('r="C3"');
    expect(sheet).toContain('<col min="2" max="2" width="60" customWidth="1"/>');
  });

  it('is the same bytes for the same tables', () => {
    expect(xlsxWorkbook([{ name: 'A', rows: [['x']] }])).toEqual(xlsxWorkbook([{ name: 'A', rows: [['x']] }]));
  });
});

describe('sheet names and columns', () => {
  it.each([
    [['Thôn 1/2', 'Thôn 1/2', 'Tổ dân phố số 12 phường Hoàng Văn Thụ'], ['Thôn 1 2', 'Thôn 1 2 2', 'Tổ dân phố số 12 phường Hoàng V']],
    [['', "'Xóm'"], ['Trang 1', 'Xóm']],
  ])('%j → %j', (names, expected) => {
    expect(sheetNames(names)).toEqual(expected);
  });

  it.each([[0, 'A'], [25, 'Z'], [26, 'AA'], [27, 'AB'], [701, 'ZZ'], [702, 'AAA']])('column %i is %s', (i, name) => {
    expect(columnName(i)).toBe(name);
  });
});
