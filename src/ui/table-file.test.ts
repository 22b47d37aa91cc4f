import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { errorText, previewImport } from '../domain/import-rows';
import { readTableFile } from './table-file';

/** A workbook as Excel writes one, cut down to what a reader needs; cells are [ref, xml] pairs. */
function xlsx(rows: Record<number, readonly (readonly [string, string])[]>): ArrayBuffer {
  const sheetRows = Object.entries(rows)
    .map(([r, cells]) => `<row r="${r}">${cells.map(([ref, xml]) => xml.replace('<c ', `<c r="${ref}" `)).join('')}</row>`)
    .join('');
  const files = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
  };
  const zipped = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
  return zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.byteLength) as ArrayBuffer;
}
const text = (s: string) => `<c t="inlineStr"><is><t>${s}</t></is></c>`;
const number = (n: number, style = 0) => `<c s="${style}"><v>${n}</v></c>`;
const fileOf = (name: string, bytes: ArrayBuffer) => ({ name, size: bytes.byteLength, arrayBuffer: async () => bytes });

describe('readTableFile', () => {
  it('reads an .xlsx: rows keep their sheet numbers, numbers and dates come typed', async () => {
    const bytes = xlsx({
      1: [['A1', text('DANH SÁCH HỘ THÔN 1')]],
      2: [['A2', text('Thôn')], ['B2', text('Họ tên chủ hộ')], ['C2', text('Số điện thoại')], ['D2', text('Họ tên thành viên')], ['E2', text('Ngày sinh')]],
      // 29710 is 4 May 1981 in Excel's calendar; the phone lost its leading 0 as a number.
      3: [['A3', text('Thôn 1')], ['B3', text('Nguyễn Văn An')], ['C3', number(912345678)], ['D3', text('Nguyễn Văn An')], ['E3', number(29710, 1)]],
      5: [['D5', text('Trần Thị Bình')], ['E5', number(1899)]],
    });
    const read = await readTableFile(fileOf('danh-sach.XLSX', bytes));
    if ('error' in read) throw new Error(read.error);
    expect(read.cells[2]?.slice(0, 3)).toEqual(['Thôn 1', 'Nguyễn Văn An', 912345678]);
    expect(read.cells[2]?.[4]).toEqual(new Date(Date.UTC(1981, 4, 4)));
    const preview = previewImport(read.cells, { hamlets: [{ code: 'T1', name: 'Thôn 1' }], existing: [], year: 2026 });
    expect(preview.errors.map(errorText)).toEqual(['Dòng 5: Năm sinh phải từ 1900 trở đi']);
    expect(preview.households[0]).toMatchObject({ rows: [3, 5], phone: '0912345678', expectedMembers: [{ name: 'Nguyễn Văn An', birthYear: 1981 }] });
  });

  it('reads a commune-sized workbook (a sheet part far over 512 KB, read with no worker)', async () => {
    const rows: Record<number, (readonly [string, string])[]> = { 1: [['A1', text('Thôn')], ['B1', text('Số nhà')], ['C1', text('Họ tên chủ hộ')], ['D1', text('Họ tên thành viên')], ['E1', text('Năm sinh')]] };
    for (let r = 2; r <= 6001; r++) {
      const h = Math.floor(r / 4);
      rows[r] = [['A' + r, text('Thôn 1')], ['B' + r, number(h)], ['C' + r, text(`Nguyễn Văn Hộ ${h}`)], ['D' + r, text(`Người ${r}`)], ['E' + r, number(1950 + (r % 70))]];
    }
    const read = await readTableFile(fileOf('ds.xlsx', xlsx(rows)));
    if ('error' in read) throw new Error(read.error);
    const preview = previewImport(read.cells, { hamlets: [{ code: 'T1', name: 'Thôn 1' }], existing: [], year: 2026 });
    expect([preview.errors, preview.households.length, read.cells.length]).toEqual([[], 1501, 6001]);
  });

  it('reads a CSV saved by Excel with a BOM and semicolons', async () => {
    const bytes = new TextEncoder().encode('\uFEFFThôn;Họ tên chủ hộ\r\nThôn 1;Đặng Thị Ánh\r\n');
    expect(await readTableFile(fileOf('ds.csv', bytes.buffer as ArrayBuffer))).toEqual({ cells: [['Thôn', 'Họ tên chủ hộ'], ['Thôn 1', 'Đặng Thị Ánh']] });
  });

  it.each([
    ['ds.xls', 10, /^Tệp \.xls \(Excel 97–2003\) chưa đọc được/],
    ['ds.pdf', 10, /^Chỉ đọc được tệp \.csv hoặc \.xlsx/],
    ['ds.xlsx', 11 * 1024 * 1024, /^Tệp lớn quá 10 MB/],
  ])('refuses %s (%i bytes) with a reason', async (name, size, message) => {
    const read = await readTableFile({ name, size, arrayBuffer: async () => new ArrayBuffer(0) });
    expect('error' in read ? read.error : '').toMatch(message);
  });

  it('says so when an .xlsx is not a workbook', async () => {
    const bytes = new TextEncoder().encode('not a zip').buffer as ArrayBuffer;
    expect(await readTableFile(fileOf('ds.xlsx', bytes))).toEqual({ error: 'Không đọc được tệp Excel này: tệp bị hỏng hoặc không phải .xlsx.' });
  });
});
