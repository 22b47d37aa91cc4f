// The first sheet of an .xlsx as rows of cells, with read-excel-file. Imported only by
// table-file.ts, dynamically: this module and its libraries are a chunk of their own.
import { Zip, ZipPassThrough, unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/browser';

/**
 * The workbook's XML parts packed again without compression. read-excel-file unzips with
 * fflate, which inflates large parts (over 512 KB: a commune's sheet) in a blob: worker; the
 * app's CSP (worker-src 'self') blocks that and the read never ends. Stored parts are read in
 * place, with no worker. (Zip with pass-through entries, not zipSync: no deflate code.)
 */
function withStoredParts(bytes: Uint8Array): ArrayBuffer {
  const parts = unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/i.test(f.name) });
  const chunks: Uint8Array[] = [];
  // Pass-through entries call back at once, before end() returns.
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, data] of Object.entries(parts)) {
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (out.set(c, at), at + c.length), 0);
  return out.buffer;
}

/** Dates come as Date objects (a birth date keeps only its year); text keeps its spaces. */
export async function readFirstSheet(bytes: ArrayBuffer): Promise<unknown[][]> {
  return readSheet(withStoredParts(new Uint8Array(bytes)), { trim: false });
}
