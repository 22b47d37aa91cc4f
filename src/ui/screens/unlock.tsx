// Every start after the first: the PIN opens the account's session (its token, sealed under the
// PIN) with no network. Several accounts may share the phone: each has its own PIN and data.
import { useState } from 'preact/hooks';
import { ROLE_LABELS } from '../../domain/roles';
import { isValidPin } from '../../db/pin-lock';
import { MAX_PIN_TRIES, unlockSession, type StoredSession } from '../../db/sessions';
import { Segmented, TextField } from '../components/fields';

const T = {
  title: 'Mở khoá Ngõ Số',
  account: 'Tài khoản',
  who: (s: StoredSession) => `${s.account.displayName} (${s.account.username})`,
  role: (s: StoredSession) => ROLE_LABELS[s.account.role],
  pin: 'Mã PIN',
  open: 'Mở khoá',
  opening: 'Đang mở khoá…',
  badPin: 'Mã PIN gồm 4 đến 6 chữ số',
  wrong: (left: number) => `Sai mã PIN. Còn ${left} lần thử.`,
  lastTry:
    'Lần thử cuối cùng: nếu sai nữa, phiên đăng nhập sẽ bị quên và toàn bộ dữ liệu cá nhân của tài khoản này trên điện thoại (kể cả các thay đổi chưa gửi) sẽ bị xoá.',
  forgot: 'Quên mã PIN? Đăng nhập lại bằng mật khẩu (cần mạng): dữ liệu của tài khoản trên máy vẫn được giữ.',
  signInAgain: 'Đăng nhập lại',
  other: 'Đăng nhập tài khoản khác trên máy này',
  failed: 'Không đọc được bộ nhớ của ứng dụng. Hãy thử lại.',
};

export function UnlockScreen(props: {
  sessions: StoredSession[];
  notice: string | null;
  onUnlocked: (session: StoredSession, token: string) => void;
  onWiped: (displayName: string) => void;
  onSignIn: (username?: string) => void;
}) {
  const [userId, setUserId] = useState(props.sessions[0]?.account.userId ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [triesLeft, setTriesLeft] = useState<Record<string, number>>(() =>
    Object.fromEntries(props.sessions.map((s) => [s.account.userId, MAX_PIN_TRIES - s.failedPins])),
  );
  const chosen = props.sessions.find((s) => s.account.userId === userId) ?? props.sessions[0];
  if (chosen === undefined) return null;
  const left = triesLeft[chosen.account.userId] ?? MAX_PIN_TRIES;

  const submit = async () => {
    if (!isValidPin(pin)) {
      setError(T.badPin);
      return;
    }
    setBusy(true);
    try {
      const result = await unlockSession(chosen.account.userId, pin, new Date());
      setPin('');
      if (result.status === 'open') props.onUnlocked(result.session, result.token);
      else if (result.status === 'wiped' || result.status === 'missing') props.onWiped(chosen.account.displayName);
      else {
        setTriesLeft({ ...triesLeft, [chosen.account.userId]: result.triesLeft });
        setError(T.wrong(result.triesLeft));
      }
    } catch {
      setError(T.failed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="screen unlock">
      <h1>{T.title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.sessions.length > 1 ? (
        <Segmented
          legend={T.account}
          stacked
          options={props.sessions.map((s) => ({ value: s.account.userId, label: T.who(s) }))}
          value={chosen.account.userId}
          onChange={(v) => {
            setUserId(v);
            setError(undefined);
            setPin('');
          }}
        />
      ) : (
        <p>
          <strong>{T.who(chosen)}</strong>
          <br />
          <span class="row-meta">{T.role(chosen)}</span>
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField label={T.pin} type="password" inputMode="numeric" maxLength={6} value={pin} onInput={setPin} error={error} autoComplete="off" />
        {left === 1 ? (
          <p class="error-summary" role="alert">
            {T.lastTry}
          </p>
        ) : null}
        <button type="submit" class="primary big" disabled={busy}>
          {busy ? T.opening : T.open}
        </button>
      </form>
      <p class="hint">
        {T.forgot}{' '}
        <button type="button" class="link" onClick={() => props.onSignIn(chosen.account.username)}>
          {T.signInAgain}
        </button>
      </p>
      <button type="button" class="secondary big" onClick={() => props.onSignIn()}>
        {T.other}
      </button>
    </main>
  );
}
