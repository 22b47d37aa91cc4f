// A commune lead imports the commune's household list (CSV or XLSX): the file is read and
// checked on the phone, shown row by row with its errors, and imported whole or not at all.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { NgoSoDb } from '../../db/database';
import { listCommuneHouseholds } from '../../db/households';
import { importHouseholds } from '../../db/import-households';
import { readSyncState } from '../../db/sync-state';
import { correctedNow } from '../../domain/clock';
import { childrenOf } from '../../domain/area-tree';
import { templateCsv } from '../../domain/import-columns';
import { errorText, householdsToImport, previewImport, type ImportPreview } from '../../domain/import-rows';
import { ImportPreviewTable } from '../components/import-preview';
import { loadXlsxReader, readTableFile } from '../table-file';

const T = {
  back: '← Trang chính',
  title: 'Nhập danh sách hộ của xã',
  intro:
    'Tệp CSV hoặc Excel (.xlsx, trang tính đầu tiên): mỗi dòng một người, các dòng của một hộ liền nhau. Chỉ nhập hộ và danh sách người dự kiến; thông tin từng người được ghi khi đến hộ, sau khi người đó đồng ý.',
  template: 'Tải tệp mẫu (CSV)',
  templateName: 'mau-danh-sach-ho.csv',
  choose: 'Chọn tệp danh sách hộ (.csv hoặc .xlsx)',
  reading: 'Đang đọc tệp…',
  summary: (file: string, households: number, people: number) => `Tệp “${file}”: ${households} hộ mới, ${people} người trong danh sách.`,
  existing: (n: number) => `${n} hộ đã có trên máy (cùng thôn, số nhà và chủ hộ): sẽ bỏ qua.`,
  ignored: (columns: string) => `Không nhập các cột: ${columns}.`,
  errors: (n: number) => `Có ${n} lỗi. Chưa nhập hộ nào: sửa tệp rồi chọn lại.`,
  moreErrors: (n: number) => `… và ${n} lỗi khác.`,
  importN: (n: number) => `Nhập ${n} hộ`,
  importing: 'Đang nhập…',
  nothingNew: 'Không có hộ mới nào trong tệp.',
  refused: 'Không nhập được. Chưa có hộ nào được ghi:',
  failed: 'Lỗi khi ghi vào bộ nhớ máy: hãy thử lại (nếu bộ nhớ đầy, hãy giải phóng bớt).',
  done: (n: number) => `Đã nhập ${n} hộ. Các tổ sẽ thấy sau khi đồng bộ.`,
};

/** Errors listed above the table; the rest are counted. */
const ERRORS_SHOWN = 200;

export type ImportScreenProps = {
  db: NgoSoDb;
  communeCode: string;
  /** The lead's name: "cập nhật bởi …" on the imported households. */
  importedBy: string;
  backHref: string;
  /** After a successful import (e.g. to sync now). */
  onImported?: (count: number) => void;
};

type Loaded = { fileName: string; preview: ImportPreview };

export function ImportScreen({ db, communeCode, importedBy, backHref, onImported }: ImportScreenProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [importing, setImporting] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);

  // The XLSX reader starts loading with the screen, so it is there (and cached) when a file is chosen.
  useEffect(() => void loadXlsxReader().catch(() => undefined), []);
  const templateHref = useMemo(() => URL.createObjectURL(new Blob([`\uFEFF${templateCsv()}`], { type: 'text/csv;charset=utf-8' })), []);
  useEffect(() => () => URL.revokeObjectURL(templateHref), [templateHref]);

  const choose = async (file: File | undefined) => {
    setLoaded(null);
    setFileError(null);
    setProblems([]);
    setDone(null);
    if (file === undefined) return;
    setReading(true);
    try {
      const read = await readTableFile(file);
      if ('error' in read) return setFileError(read.error);
      const [areas, existing] = await Promise.all([db.areas.toArray(), listCommuneHouseholds(db, communeCode)]);
      const preview = previewImport(read.cells, {
        hamlets: childrenOf(areas, communeCode),
        existing: existing.map((r) => r.household),
        year: new Date().getFullYear(),
      });
      setLoaded({ fileName: file.name, preview });
    } finally {
      setReading(false);
    }
  };

  const toImport = loaded === null ? [] : householdsToImport(loaded.preview);
  const run = async () => {
    setImporting(true);
    setProblems([]);
    try {
      // The phone's clock corrected by the offset measured at the last sync, as a save's is.
      const offsetMs = (await readSyncState(db))?.clockOffsetMs ?? 0;
      const now = new Date(correctedNow(Date.now(), offsetMs)).toISOString();
      const outcome = await importHouseholds(db, { households: toImport, communeCode, visitor: importedBy, now });
      if (!outcome.ok) return setProblems(outcome.problems);
      setLoaded(null);
      setDone(T.done(outcome.imported));
      onImported?.(outcome.imported);
    } catch {
      setProblems([T.failed]);
    } finally {
      setImporting(false);
    }
  };

  const preview = loaded?.preview;
  const fresh = preview?.households.filter((h) => h.existingId === undefined) ?? [];
  const existingCount = (preview?.households.length ?? 0) - fresh.length;

  return (
    <main class="screen import">
      <a class="back" href={backHref}>
        {T.back}
      </a>
      <h1>{T.title}</h1>
      <p class="hint">{T.intro}</p>
      <p>
        <a href={templateHref} download={T.templateName}>
          {T.template}
        </a>
      </p>
      <div class="text-field">
        <label for="import-file">{T.choose}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={reading || importing}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            // Cleared, so that choosing the same file again after fixing it reads it again.
            e.currentTarget.value = '';
            void choose(file);
          }}
        />
      </div>
      {reading ? <p role="status">{T.reading}</p> : null}
      {fileError ? <p class="error-summary" role="alert">{fileError}</p> : null}
      {done ? <p class="notice" role="status">{done}</p> : null}
      {loaded !== null && preview !== undefined ? (
        <section>
          {preview.households.length > 0 ? <p>{T.summary(loaded.fileName, fresh.length, fresh.reduce((n, h) => n + h.expectedMembers.length, 0))}</p> : null}
          {existingCount > 0 ? <p>{T.existing(existingCount)}</p> : null}
          {preview.ignoredColumns.length > 0 ? <p class="hint">{T.ignored(preview.ignoredColumns.join(', '))}</p> : null}
          {preview.errors.length > 0 ? (
            <div class="error-summary" role="alert">
              <p>{T.errors(preview.errors.length)}</p>
              <ul>
                {preview.errors.slice(0, ERRORS_SHOWN).map((e) => (
                  <li key={`${e.row}-${e.message}`}>{errorText(e)}</li>
                ))}
              </ul>
              {preview.errors.length > ERRORS_SHOWN ? <p>{T.moreErrors(preview.errors.length - ERRORS_SHOWN)}</p> : null}
            </div>
          ) : toImport.length === 0 ? (
            <p class="notice">{T.nothingNew}</p>
          ) : null}
          {problems.length > 0 ? (
            <div class="error-summary" role="alert">
              <p>{T.refused}</p>
              <ul>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <button type="button" class="primary big" disabled={toImport.length === 0 || importing} onClick={() => void run()}>
            {importing ? T.importing : T.importN(fresh.length)}
          </button>
          {preview.households.length > 0 ? <ImportPreviewTable preview={preview} /> : null}
        </section>
      ) : null}
    </main>
  );
}
