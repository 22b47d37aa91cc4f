// Who is signed in on this phone, locking and signing out, and whether the browser promised to
// keep the phone's data.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { useSync } from '../sync-context';
import { hrefOf } from '../router';
import { SignOutButton, type Unsent } from '../components/sign-out';
import { useLiveQuery } from '../live-query';
import { ROLE_LABELS } from '../../domain/roles';
import { formatBytes } from '../../domain/format-vi';
import { listAreas } from '../../db/areas';
import { listDrafts } from '../../db/drafts';
import { outboxSummary } from '../../db/outbox-status';
import { readStorageStatus, requestPersistentStorage, type StorageStatus } from '../../db/storage-status';

const T = {
  back: '← Trang chính',
  title: 'Cài đặt',
  account: 'Tài khoản trên máy này',
  name: (name: string, username: string) => `${name} (${username})`,
  role: (role: string, area: string) => `${role}${area ? ` — ${area}` : ''}`,
  nameHint: 'Tên này được ghi vào mỗi lượt hỗ trợ và mỗi lần ghi nhận đồng ý.',
  lock: 'Khoá ứng dụng',
  lockHint: 'Khi đưa máy cho người khác: ứng dụng sẽ hỏi mã PIN khi mở lại.',
  storage: 'Bộ nhớ trên điện thoại',
  persisted: 'Trình duyệt đã cam kết giữ dữ liệu (lưu trữ bền vững): có',
  notPersisted:
    'Trình duyệt chưa cam kết giữ dữ liệu: nếu điện thoại thiếu bộ nhớ, dữ liệu có thể bị xoá. Hãy cài ứng dụng lên màn hình chính và bấm "Xin giữ dữ liệu".',
  unknown: 'Trình duyệt này không cho biết có giữ dữ liệu hay không.',
  usage: (used: string, quota: string) => `Đang dùng ${used} trên ${quota} được phép.`,
  ask: 'Xin giữ dữ liệu',
};

export function SettingsScreen() {
  const { db, account, lock, signOut } = useApp();
  const { syncNow } = useSync();
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const areas = useLiveQuery(() => listAreas(db), [db]).value ?? [];
  const areaName = (code: string | null) => areas.find((a) => a.code === code)?.name ?? code ?? '';
  const hamlets = account.hamletCodes?.map(areaName).join(', ');

  useEffect(() => {
    void readStorageStatus().then(setStatus);
  }, []);

  const ask = async () => {
    await requestPersistentStorage();
    setStatus(await readStorageStatus());
  };

  const beforeSignOut = async (): Promise<Unsent> => {
    const report = navigator.onLine ? await syncNow() : undefined;
    const summary = await outboxSummary(db);
    const drafts = await listDrafts(account.userId);
    return { changes: summary.pending + summary.rejected, drafts: drafts.length, error: report?.error };
  };

  return (
    <main class="screen">
      <a class="back" href={hrefOf({ screen: 'home' })}>
        {T.back}
      </a>
      <h1>{T.title}</h1>
      <section class="account">
        <h2>{T.account}</h2>
        <p>
          <strong>{T.name(account.displayName, account.username)}</strong>
          <br />
          {T.role(ROLE_LABELS[account.role], hamlets ? `${areaName(account.communeCode)}: ${hamlets}` : areaName(account.communeCode))}
        </p>
        <p class="hint">{T.nameHint}</p>
        <button type="button" class="secondary big" onClick={lock}>
          {T.lock}
        </button>
        <p class="hint">{T.lockHint}</p>
        <SignOutButton signOut={signOut} beforeSignOut={beforeSignOut} />
      </section>
      <section class="storage-status">
        <h2>{T.storage}</h2>
        {status === null ? null : (
          <>
            <p data-persisted={String(status.persisted)}>
              {status.persisted === null ? T.unknown : status.persisted ? T.persisted : T.notPersisted}
            </p>
            {status.usageBytes !== null && status.quotaBytes !== null ? (
              <p>{T.usage(formatBytes(status.usageBytes), formatBytes(status.quotaBytes))}</p>
            ) : null}
            {status.persisted === false ? (
              <button type="button" class="secondary" onClick={() => void ask()}>
                {T.ask}
              </button>
            ) : null}
          </>
        )}
      </section>
    </main>
  );
}
