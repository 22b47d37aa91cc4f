// The first screen on a fresh phone: username, password and a name for this phone, traded with
// the commune's server for a device token. The demo accounts of a fresh server are named here,
// clearly as demo.
import { useState } from 'preact/hooks';
import { SignInRequest, type SignInResponse } from '../../domain/accounts';
import { signIn, type ApiFailure } from '../../sync/account-api';
import { TextField } from '../components/fields';
import { API } from '../session-flow';

const DEMO_USERNAME = 'demo.member';
const DEMO_PASSWORD = 'demo-ngo-so';

const T = {
  title: 'Đăng nhập Ngõ Số',
  intro:
    'Dùng tài khoản do tổ trưởng hoặc quản trị cấp cho bạn. Lần đăng nhập đầu tiên cần có mạng; sau đó ứng dụng mở được cả khi không có sóng, bằng mã PIN bạn đặt trên máy này.',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  deviceName: 'Tên điện thoại này',
  deviceHint: 'Để tổ trưởng nhận ra máy trong danh sách thiết bị (và thu hồi nếu máy bị mất), ví dụ "Samsung A05 của Lan".',
  deviceMissing: 'Đặt một tên cho điện thoại này',
  submit: 'Đăng nhập',
  submitting: 'Đang đăng nhập…',
  back: '← Quay lại mở khoá',
  wrong: 'Sai tên đăng nhập hoặc mật khẩu.',
  offline: 'Không kết nối được máy chủ. Lần đăng nhập đầu tiên cần có mạng: hãy bật dữ liệu di động hoặc Wi-Fi rồi thử lại.',
  timeout: 'Máy chủ không trả lời kịp, có thể do mạng yếu. Hãy thử lại.',
  rateLimited: (minutes: number) => `Đã nhập sai quá nhiều lần. Hãy đợi khoảng ${minutes} phút rồi thử lại.`,
  demoOff: 'Máy chủ này không cho đăng nhập bằng tài khoản dùng thử (đã có địa bàn thật). Hãy xin tài khoản từ quản trị.',
  refused: (status: number) => `Máy chủ không nhận yêu cầu đăng nhập (mã ${status}).`,
  server: (status: number) => `Máy chủ đang gặp sự cố (mã ${status}). Hãy thử lại sau.`,
  badResponse: 'Máy chủ trả lời không đúng định dạng. Hãy báo quản trị.',
  demoTitle: 'Dùng thử: tài khoản DEMO',
  demoText:
    'Máy chủ mới cài có sẵn một tỉnh, một xã và ba thôn mẫu (đánh dấu "DEMO", người dân trong đó là giả), cùng các tài khoản dùng thử, mật khẩu chung',
  demoAccounts: [
    ['demo.member', 'thành viên tổ, cả xã mẫu'],
    ['demo.member1', 'thành viên tổ, chỉ Thôn Đông'],
    ['demo.lead', 'tổ trưởng xã mẫu'],
    ['demo.province', 'cán bộ tỉnh: chỉ số liệu, không có dữ liệu cá nhân'],
  ],
  demoWarning: 'Chỉ để thử: không nhập thông tin của người dân thật vào xã mẫu. Máy chủ đã có địa bàn thật sẽ tắt các tài khoản này.',
  demoFill: 'Điền sẵn tài khoản DEMO (demo.member)',
} as const;

function messageOf(failure: ApiFailure): string {
  switch (failure.kind) {
    case 'unauthorized':
      return T.wrong;
    case 'offline':
      return T.offline;
    case 'timeout':
      return T.timeout;
    case 'rate-limited':
      return T.rateLimited(Math.max(1, Math.ceil(failure.retryAfterMs / 60_000)));
    case 'refused':
      return failure.status === 403 ? T.demoOff : T.refused(failure.status);
    case 'server':
      return T.server(failure.status);
    case 'revoked':
    case 'bad-response':
      return T.badResponse;
  }
}

export function SignInScreen(props: { initialUsername: string; notice: string | null; onSignedIn: (response: SignInResponse) => void; onBack: (() => void) | undefined }) {
  const [username, setUsername] = useState(props.initialUsername);
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string; deviceName?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = SignInRequest.safeParse({ username, password, deviceName });
    const found: typeof errors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'username' || field === 'password' || field === 'deviceName') && found[field] === undefined) found[field] = issue.message;
      }
    }
    if (deviceName.trim() === '') found.deviceName = T.deviceMissing;
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await signIn(API, parsed.data);
    setBusy(false);
    if (result.ok) props.onSignedIn(result.value);
    else setErrors({ form: messageOf(result.failure) });
  };

  return (
    <main class="screen sign-in">
      {props.onBack ? (
        <button type="button" class="link back" onClick={props.onBack}>
          {T.back}
        </button>
      ) : null}
      <h1>{T.title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>{T.intro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField label={T.username} value={username} onInput={setUsername} error={errors.username} autoComplete="username" autoCapitalize="none" />
        <TextField label={T.password} type="password" value={password} onInput={setPassword} error={errors.password} autoComplete="current-password" />
        <TextField label={T.deviceName} value={deviceName} onInput={setDeviceName} error={errors.deviceName} hint={T.deviceHint} maxLength={80} />
        {errors.form ? (
          <p class="error-summary" role="alert">
            {errors.form}
          </p>
        ) : null}
        <button type="submit" class="primary big" disabled={busy}>
          {busy ? T.submitting : T.submit}
        </button>
      </form>
      <section class="demo-accounts">
        <h2>{T.demoTitle}</h2>
        <p>
          {T.demoText} <strong>{DEMO_PASSWORD}</strong>:
        </p>
        <ul>
          {T.demoAccounts.map(([name, what]) => (
            <li key={name}>
              <strong>{name}</strong> — {what}
            </li>
          ))}
        </ul>
        <p class="demo-banner">{T.demoWarning}</p>
        <button
          type="button"
          class="secondary big"
          onClick={() => {
            setUsername(DEMO_USERNAME);
            setPassword(DEMO_PASSWORD);
          }}
        >
          {T.demoFill}
        </button>
      </section>
    </main>
  );
}
