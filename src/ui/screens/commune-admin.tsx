// "Quản lý xã", for the commune lead: the commune's hamlets (rename each, add one) and the
// devices signed in to its accounts (revoke a lost one). Every change is made on the server, so
// this screen needs a connection; after a change the phone's list of areas is fetched again.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { NgoSoDb } from '../../db/database';
import { listAreas, replaceAreas } from '../../db/areas';
import { NewHamletRequest, RenameHamletRequest, type Area } from '../../domain/areas';
import { childrenOf } from '../../domain/area-tree';
import { addHamlet, fetchAreas, renameHamlet, type ApiResult } from '../../sync/account-api';
import { adminFailureText } from '../admin-failure';
import { useLiveQuery } from '../live-query';
import { API } from '../session-flow';
import { TextField } from '../components/fields';
import { DeviceList } from '../components/device-list';

const T = {
  back: '← Trang chính',
  title: 'Quản lý xã',
  offline: 'Điện thoại đang không có mạng. Thêm, đổi tên thôn và thu hồi điện thoại đều cần kết nối với máy chủ: hãy quay lại khi có mạng.',
  hamlets: 'Thôn / tổ dân phố của xã',
  hamletsHint: 'Đổi tên không đổi mã thôn: các hộ đã ghi vẫn ở nguyên thôn đó.',
  noHamlets: 'Xã chưa có thôn nào.',
  rename: (name: string) => `Đổi tên “${name}”`,
  saveName: 'Lưu tên',
  newHamlet: 'Tên thôn mới',
  add: 'Thêm thôn',
  working: 'Đang gửi…',
  added: (name: string) => `Đã thêm “${name}”.`,
  renamed: (from: string, to: string) => `Đã đổi tên “${from}” thành “${to}”.`,
  notRefreshed: 'Máy chủ đã lưu, nhưng chưa tải lại được danh sách thôn: danh sách sẽ cập nhật ở lần đồng bộ sau.',
};

export type CommuneAdminScreenProps = {
  db: NgoSoDb;
  token: string;
  communeCode: string;
  /** This phone's device id, so that the list does not offer to revoke the phone in hand. */
  deviceId: string;
  backHref: string;
  /** The server says this phone's token is revoked: wipe. */
  onRevoked: () => void;
};

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

function firstMessage(result: { success: true } | { success: false; error: { issues: readonly { message: string }[] } }): string | undefined {
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'Tên thôn không hợp lệ');
}

export function CommuneAdminScreen({ db, token, communeCode, deviceId, backHref, onRevoked }: CommuneAdminScreenProps) {
  const online = useOnline();
  const areas = useLiveQuery(() => listAreas(db), [db]).value;
  const hamlets = areas ? childrenOf(areas, communeCode) : [];
  const [newName, setNewName] = useState('');
  const [newError, setNewError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  /** Sends one change; on success fetches the areas again so that every screen shows it. */
  const change = async (send: () => Promise<ApiResult<Area>>, done: (area: Area) => string): Promise<boolean> => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await send();
      if (!result.ok) {
        if (result.failure.kind === 'revoked') onRevoked();
        else setMessage({ text: adminFailureText(result.failure, 'hamlet'), error: true });
        return false;
      }
      const fresh = await fetchAreas(API, token);
      if (fresh.ok && db.isOpen()) await replaceAreas(db, fresh.value);
      setMessage({ text: fresh.ok ? done(result.value) : `${done(result.value)} ${T.notRefreshed}`, error: false });
      return true;
    } finally {
      setBusy(false);
    }
  };

  const add = async () => {
    const parsed = NewHamletRequest.safeParse({ name: newName });
    setNewError(firstMessage(parsed));
    if (!parsed.success) return;
    if (await change(() => addHamlet(API, token, { ...parsed.data, communeCode }), (a) => T.added(a.name))) setNewName('');
  };

  return (
    <main class="screen commune-admin">
      <a class="back" href={backHref}>
        {T.back}
      </a>
      <h1>{T.title}</h1>
      {online ? null : <p class="notice" role="status">{T.offline}</p>}
      <section>
        <h2>{T.hamlets}</h2>
        <p class="hint">{T.hamletsHint}</p>
        {message ? <p class={message.error ? 'error-summary' : 'notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p> : null}
        {areas !== undefined && hamlets.length === 0 ? <p class="empty">{T.noHamlets}</p> : null}
        <ul class="rows">
          {hamlets.map((h) => (
            <HamletRow
              key={h.code}
              hamlet={h}
              disabled={!online || busy}
              onRename={(name) => change(() => renameHamlet(API, token, h.code, { name }), (a) => T.renamed(h.name, a.name))}
            />
          ))}
        </ul>
        <form
          class="search-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <TextField label={T.newHamlet} value={newName} onInput={setNewName} error={newError} maxLength={100} autoCapitalize="sentences" />
          <button type="submit" class="primary" disabled={!online || busy}>
            {busy ? T.working : T.add}
          </button>
        </form>
      </section>
      <DeviceList token={token} thisDeviceId={deviceId} online={online} onRevoked={onRevoked} />
    </main>
  );
}

function HamletRow({ hamlet, disabled, onRename }: { hamlet: Area; disabled: boolean; onRename: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState(hamlet.name);
  const [error, setError] = useState<string | undefined>();
  // The list fetched again after a rename (here or on another phone) shows the new name. Only on a
  // change: run on mount too, it wiped what was typed between the row's first paint and the effect.
  const shownName = useRef(hamlet.name);
  useEffect(() => {
    if (shownName.current === hamlet.name) return;
    shownName.current = hamlet.name;
    setName(hamlet.name);
  }, [hamlet.name]);
  const save = async () => {
    const parsed = RenameHamletRequest.safeParse({ name });
    setError(firstMessage(parsed));
    if (parsed.success) await onRename(parsed.data.name);
  };
  return (
    <li class="row">
      <form
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField label={T.rename(hamlet.name)} value={name} onInput={setName} error={error} maxLength={100} autoCapitalize="sentences" />
        <button type="submit" class="secondary" disabled={disabled || name.trim() === hamlet.name}>
          {T.saveName}
        </button>
      </form>
    </li>
  );
}
