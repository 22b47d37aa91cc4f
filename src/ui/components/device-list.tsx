// The devices signed in to the commune's accounts, for the lead: who, which phone, when last
// seen, revoked or not, and "Thu hồi" for a lost phone. The phone in hand is never offered.
import { useEffect, useState } from 'preact/hooks';
import { listDevices, revokeDevice, type Device } from '../../sync/account-api';
import { adminFailureText } from '../admin-failure';
import { API } from '../session-flow';
import { formatWhen } from './sync-status';

const T = {
  title: 'Điện thoại đã đăng nhập',
  intro: 'Mất điện thoại hoặc một người thôi tham gia: thu hồi điện thoại đó. Nó sẽ xoá dữ liệu của xã trên máy ở lần kết nối tiếp theo với máy chủ.',
  loading: 'Đang tải danh sách điện thoại…',
  reload: 'Tải lại danh sách',
  none: 'Chưa có điện thoại nào đăng nhập.',
  who: (d: Device) => `${d.displayName} (${d.username})`,
  unnamed: '(chưa đặt tên điện thoại)',
  lastSeen: (when: string) => `Liên lạc lần cuối: ${when}`,
  active: 'Đang dùng',
  revokedAt: (when: string) => `Đã thu hồi lúc ${when}`,
  thisPhone: 'Điện thoại bạn đang cầm',
  thisPhoneHint: 'Không thu hồi điện thoại này ở đây. Muốn thôi dùng, hãy đăng xuất trong Cài đặt.',
  revoke: 'Thu hồi',
  revoking: 'Đang thu hồi…',
  confirm: (d: Device) =>
    `Thu hồi điện thoại “${d.name || T.unnamed}” của ${d.displayName}?\n\n` +
    'Ở lần kết nối tiếp theo với máy chủ, điện thoại đó sẽ xoá toàn bộ dữ liệu của xã trên máy; những gì nó chưa gửi lên sẽ mất. ' +
    'Muốn dùng lại, người đó phải đăng nhập lại.',
  revoked: (d: Device) => `Đã thu hồi điện thoại “${d.name || T.unnamed}” của ${d.displayName}.`,
};

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; devices: Device[] };

/** Phones in use first, the most recently seen on top; revoked ones after. */
function ordered(devices: readonly Device[]): Device[] {
  return [...devices].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.lastSeenAt.localeCompare(a.lastSeenAt));
}

export type DeviceListProps = {
  token: string;
  /** This phone's device id: shown, never offered for revoking. */
  thisDeviceId: string;
  online: boolean;
  /** The server says this phone's own token is revoked. */
  onRevoked: () => void;
};

export function DeviceList({ token, thisDeviceId, online, onRevoked }: DeviceListProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const fetchDevices = async () => {
    setLoad({ state: 'loading' });
    const result = await listDevices(API, token);
    if (result.ok) return setLoad({ state: 'ready', devices: result.value });
    if (result.failure.kind === 'revoked') return onRevoked();
    setLoad({ state: 'failed', message: adminFailureText(result.failure, 'device') });
  };
  // Loads again when the connection comes back after a failed load.
  useEffect(() => {
    if (load.state !== 'ready') void fetchDevices();
  }, [token, online]);

  const revoke = async (device: Device) => {
    if (!window.confirm(T.confirm(device))) return;
    setBusy(device.deviceId);
    setMessage(null);
    try {
      const result = await revokeDevice(API, token, device.deviceId);
      if (result.ok) {
        setLoad((l) => (l.state === 'ready' ? { ...l, devices: l.devices.map((d) => (d.deviceId === device.deviceId ? result.value : d)) } : l));
        setMessage({ text: T.revoked(device), error: false });
      } else if (result.failure.kind === 'revoked') onRevoked();
      else setMessage({ text: adminFailureText(result.failure, 'device'), error: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="devices">
      <h2>{T.title}</h2>
      <p class="hint">{T.intro}</p>
      {load.state === 'loading' ? <p role="status">{T.loading}</p> : null}
      {load.state === 'failed' ? <p class="error-summary" role="alert">{load.message}</p> : null}
      {message ? <p class={message.error ? 'error-summary' : 'notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p> : null}
      {load.state === 'ready' && load.devices.length === 0 ? <p class="empty">{T.none}</p> : null}
      {load.state === 'ready' ? (
        <ul class="rows">
          {ordered(load.devices).map((d) => {
            const mine = d.deviceId === thisDeviceId;
            return (
              <li key={d.deviceId} class="row device-row" data-device-id={d.deviceId}>
                <span class="row-title">{T.who(d)}</span>
                <span>{d.name || T.unnamed}</span>
                <span class="row-meta">{T.lastSeen(formatWhen(d.lastSeenAt))}</span>
                <span class={`badge ${d.revokedAt === null ? 'ok' : 'lacking'}`}>{d.revokedAt === null ? T.active : T.revokedAt(formatWhen(d.revokedAt))}</span>
                {mine ? (
                  <>
                    <strong>{T.thisPhone}</strong>
                    <span class="hint">{T.thisPhoneHint}</span>
                  </>
                ) : d.revokedAt === null ? (
                  <button type="button" class="secondary" disabled={!online || busy !== null} onClick={() => void revoke(d)}>
                    {busy === d.deviceId ? T.revoking : T.revoke}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <button type="button" class="secondary" disabled={load.state === 'loading'} onClick={() => void fetchDevices()}>
        {T.reload}
      </button>
    </section>
  );
}
