// Who uses this phone, and whether the browser promised to keep its data.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { hrefOf } from '../router';
import { TextField } from '../components/fields';
import { formatBytes } from '../../domain/format-vi';
import { readStorageStatus, requestPersistentStorage, type StorageStatus } from '../../db/storage-status';

const T = {
  back: '← Trang chính',
  title: 'Cài đặt',
  teamMember: 'Họ tên của bạn (thành viên tổ)',
  saveName: 'Lưu',
  nameSaved: 'Đã lưu',
  nameMissing: 'Nhập họ tên của bạn',
  storage: 'Bộ nhớ trên điện thoại',
  persisted: 'Trình duyệt đã cam kết giữ dữ liệu (lưu trữ bền vững): có',
  notPersisted:
    'Trình duyệt chưa cam kết giữ dữ liệu: nếu điện thoại thiếu bộ nhớ, dữ liệu có thể bị xoá. Hãy cài ứng dụng lên màn hình chính và bấm "Xin giữ dữ liệu".',
  unknown: 'Trình duyệt này không cho biết có giữ dữ liệu hay không.',
  usage: (used: string, quota: string) => `Đang dùng ${used} trên ${quota} được phép.`,
  ask: 'Xin giữ dữ liệu',
  token: 'Mã truy cập máy chủ của xã',
  tokenHint: 'Xã mẫu dùng mã "ngo-so-demo". Tài khoản thật sẽ có ở phiên bản sau.',
  tokenMissing: 'Nhập mã truy cập',
};

export function SettingsScreen() {
  const { prefs, updatePrefs, notify } = useApp();
  const [name, setName] = useState(prefs.teamMember);
  const [token, setToken] = useState(prefs.syncToken);
  const [error, setError] = useState<string>();
  const [tokenError, setTokenError] = useState<string>();
  const [status, setStatus] = useState<StorageStatus | null>(null);

  useEffect(() => {
    void readStorageStatus().then(setStatus);
  }, []);

  const ask = async () => {
    await requestPersistentStorage();
    setStatus(await readStorageStatus());
  };

  return (
    <main class="screen">
      <a class="back" href={hrefOf({ screen: 'home' })}>
        {T.back}
      </a>
      <h1>{T.title}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(name.trim() === '' ? T.nameMissing : undefined);
          setTokenError(token.trim() === '' ? T.tokenMissing : undefined);
          if (name.trim() === '' || token.trim() === '') return;
          void updatePrefs({ ...prefs, teamMember: name.trim(), syncToken: token.trim() }).then(() => notify(T.nameSaved));
        }}
      >
        <TextField label={T.teamMember} value={name} onInput={setName} error={error} autoComplete="name" />
        <TextField label={T.token} value={token} onInput={setToken} error={tokenError} hint={T.tokenHint} />
        <button type="submit" class="primary">
          {T.saveName}
        </button>
      </form>
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
