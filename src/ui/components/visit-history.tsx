// The visits to a household, newest first, each with what changed in words.
import type { Visit, Change } from '../../domain/visit';
import { HOUSEHOLD_FIELD_LABELS, PERSON_FIELD_LABELS, describeValue } from '../../domain/status-labels';
import { isImplausibleTime } from '../../domain/clock';

const T = {
  title: 'Các lượt hỗ trợ',
  added: (name: string) => `Thêm người: ${name}`,
  withdrawn: 'Một người đã rút lại đồng ý; dữ liệu của họ đã được xoá',
  by: (visitor: string, when: string) => `${when} — ${visitor || 'không rõ người ghi'}`,
  more: (n: number) => `và ${n} thay đổi khác`,
  wrongClock: ' (giờ này không thể đúng: đồng hồ điện thoại ghi nhận có thể bị sai)',
};

const SHOWN_VISITS = 5;
const SHOWN_CHANGES = 6;

function describeChange(change: Change, names: ReadonlyMap<string, string>): string {
  if (change.field === 'added') return T.added(String(change.to));
  if (change.field === 'consent_withdrawn') return T.withdrawn;
  const labels: Record<string, string> = change.personId === undefined ? HOUSEHOLD_FIELD_LABELS : PERSON_FIELD_LABELS;
  const who = change.personId === undefined ? '' : `${names.get(change.personId) ?? ''}: `;
  return `${who}${labels[change.field] ?? change.field}: ${describeValue(change.field, change.from)} → ${describeValue(change.field, change.to)}`;
}

export function VisitHistory({ visits, names, nowMs }: { visits: readonly Visit[]; names: ReadonlyMap<string, string>; nowMs: number }) {
  if (visits.length === 0) return null;
  return (
    <section class="visits">
      <h2>{T.title}</h2>
      <ol>
        {visits.slice(0, SHOWN_VISITS).map((v) => (
          <li key={v.id}>
            <p class="row-meta">
              {T.by(v.visitor, new Date(v.visitedAt).toLocaleString('vi-VN', { dateStyle: 'short', timeStyle: 'short' }))}
              {isImplausibleTime(v.visitedAt, nowMs) ? <strong class="field-error">{T.wrongClock}</strong> : null}
            </p>
            <ul>
              {v.changes.slice(0, SHOWN_CHANGES).map((c, i) => (
                <li key={i}>{describeChange(c, names)}</li>
              ))}
              {v.changes.length > SHOWN_CHANGES ? <li>{T.more(v.changes.length - SHOWN_CHANGES)}</li> : null}
            </ul>
            {v.notes ? <p class="notes">{v.notes}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
