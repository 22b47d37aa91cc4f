// The households read from a commune's list, one table row each: where, who, the people on the
// list, and whether it is new, already on the phone, or has errors (in red, with the messages).
import { errorText, type ImportError, type ImportPreview } from '../../domain/import-rows';

const T = {
  rows: 'Dòng',
  household: 'Hộ',
  members: 'Theo danh sách',
  status: 'Nhập?',
  isNew: 'Mới',
  existing: 'Đã có, bỏ qua',
  invalid: 'Có lỗi',
  houseNumber: (n: string) => `số ${n}`,
  born: (name: string, year: number) => `${name} (${year})`,
  noMembers: '—',
  more: (n: number) => `… và ${n} hộ nữa (chỉ hiện ${SHOWN} hộ đầu).`,
  caption: 'Xem trước các hộ trong tệp',
};

/** A phone stays responsive with this many rows; the errors above the table are all listed. */
const SHOWN = 300;

function rowLabel(rows: readonly number[]): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  return first === undefined ? '' : first === last ? String(first) : `${first}–${last}`;
}

export function ImportPreviewTable({ preview }: { preview: ImportPreview }) {
  const errorsByRow = new Map<number, ImportError[]>();
  for (const e of preview.errors) if (e.row !== null) errorsByRow.set(e.row, [...(errorsByRow.get(e.row) ?? []), e]);
  const shown = preview.households.slice(0, SHOWN);
  return (
    <div class="table-scroll">
      <table class="import-table">
        <caption class="hint">{T.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{T.rows}</th>
            <th scope="col">{T.household}</th>
            <th scope="col">{T.members}</th>
            <th scope="col">{T.status}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((h) => {
            const errors = h.rows.flatMap((r) => errorsByRow.get(r) ?? []);
            return (
              <tr key={h.rows[0]} class={errors.length > 0 ? 'has-error' : undefined}>
                <td>{rowLabel(h.rows)}</td>
                <td>
                  <span class="row-title">{h.headName}</span>
                  <br />
                  <span class="row-meta">{[h.houseNumber ? T.houseNumber(h.houseNumber) : '', h.street, h.hamletName, h.phone].filter(Boolean).join(' · ')}</span>
                  {errors.length > 0 ? (
                    <ul class="row-errors">
                      {errors.map((e) => (
                        <li key={`${e.row}-${e.message}`}>{errorText(e)}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td>{h.expectedMembers.length === 0 ? T.noMembers : h.expectedMembers.map((m) => T.born(m.name, m.birthYear)).join(', ')}</td>
                <td>
                  {errors.length > 0 ? (
                    <span class="badge rejected">{T.invalid}</span>
                  ) : h.existingId !== undefined ? (
                    <span class="badge local">{T.existing}</span>
                  ) : (
                    <span class="badge ok">{T.isNew}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {preview.households.length > SHOWN ? <p class="hint">{T.more(preview.households.length - SHOWN)}</p> : null}
    </div>
  );
}
