// The sync status anyone can read at a glance: what waits to be sent, when the last sync
// worked, the last error in plain Vietnamese, and a loud warning when unsent records sit on
// a phone that has not synced for days.
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { useSync } from '../sync-context';
import { outboxSummary } from '../../db/outbox-status';
import { readSyncState } from '../../db/sync-state';
import { syncHealth } from '../../domain/sync-health';
import { formatInteger } from '../../domain/format-vi';

const T = {
  title: 'Đồng bộ',
  pending: (n: string) => `${n} thay đổi đang chờ gửi lên máy chủ`,
  allSent: 'Mọi thay đổi đã được gửi',
  rejected: (n: string) => `${n} thay đổi bị máy chủ từ chối: mở hộ có dấu đỏ để xem lý do và sửa`,
  confirmed: (n: string) => `Máy chủ đã xác nhận ${n} bản ghi`,
  lastSync: (when: string) => `Đồng bộ thành công lần cuối: ${when}`,
  never: 'Chưa đồng bộ lần nào',
  lastError: (message: string) => `Lỗi lần trước: ${message}`,
  stale: (n: string, days: number | null) =>
    `Cảnh báo: ${n} thay đổi chỉ nằm trên điện thoại này và ${days === null ? 'chưa từng được đồng bộ' : `đã ${days} ngày chưa đồng bộ`}. ` +
    'Trình duyệt có thể tự xoá dữ liệu của trang ít dùng. Hãy kết nối mạng và bấm "Đồng bộ ngay".',
  syncNow: 'Đồng bộ ngay',
  syncing: 'Đang đồng bộ…',
};

export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString('vi-VN', { dateStyle: 'short', timeStyle: 'short' });
}

export function SyncStatus() {
  const { db } = useApp();
  const { syncNow, syncing } = useSync();
  const status = useLiveQuery(async () => ({ summary: await outboxSummary(db), state: await readSyncState(db) }), [db]).value;
  if (status === undefined) return null;
  const { summary, state } = status;
  const health = syncHealth({ pending: summary.pending, lastSuccessAt: state?.lastSuccessAt ?? null, nowMs: Date.now() });
  const errorIsCurrent = state?.lastError !== undefined && (state.lastSuccessAt === undefined || (state.lastErrorAt ?? '') > state.lastSuccessAt);

  return (
    <section class={`sync-status ${health.level}`} aria-label={T.title}>
      {health.level === 'stale' ? (
        <p class="sync-warning" role="alert">
          {T.stale(formatInteger(health.pending), health.daysSinceSync)}
        </p>
      ) : null}
      <p class="sync-pending" data-pending={summary.pending}>
        {summary.pending > 0 ? T.pending(formatInteger(summary.pending)) : T.allSent}
      </p>
      {summary.rejected > 0 ? <p class="field-error">{T.rejected(formatInteger(summary.rejected))}</p> : null}
      <p class="row-meta">
        {state?.lastSuccessAt ? T.lastSync(formatWhen(state.lastSuccessAt)) : T.never}
        {state && state.confirmedCount > 0 ? ` · ${T.confirmed(formatInteger(state.confirmedCount))}` : ''}
      </p>
      {errorIsCurrent && state?.lastError ? <p class="sync-error">{T.lastError(state.lastError)}</p> : null}
      <button type="button" class="primary" disabled={syncing} onClick={() => void syncNow()}>
        {syncing ? T.syncing : T.syncNow}
      </button>
    </section>
  );
}
