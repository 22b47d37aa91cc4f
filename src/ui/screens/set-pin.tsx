// Right after sign-in: a short PIN for this phone, entered twice. The device token is sealed
// under it (db/pin-lock.ts), so the app opens offline with the PIN and a phone without it cannot sync.
import { useState } from 'preact/hooks';
import type { Account } from '../../domain/accounts';
import { ROLE_LABELS } from '../../domain/roles';
import { isValidPin } from '../../db/pin-lock';
import { MAX_PIN_TRIES } from '../../db/sessions';
import { TextField } from '../components/fields';

const T = {
  title: 'Đặt mã PIN cho điện thoại này',
  hello: (name: string, role: string) => `Xin chào ${name} (${role}).`,
  intro: 'Mã PIN dùng để mở Ngõ Số trên máy này, kể cả khi không có mạng. Đừng dùng lại mật khẩu, đừng dùng ngày sinh.',
  pin: 'Mã PIN (4–6 chữ số)',
  again: 'Nhập lại mã PIN',
  warning: `Nhập sai mã PIN ${MAX_PIN_TRIES} lần liên tiếp, ứng dụng sẽ quên phiên đăng nhập và xoá dữ liệu cá nhân của tài khoản trên máy.`,
  save: 'Lưu mã PIN và bắt đầu',
  saving: 'Đang lưu…',
  cancel: 'Huỷ, không đăng nhập',
  badPin: 'Mã PIN gồm 4 đến 6 chữ số',
  mismatch: 'Hai lần nhập không giống nhau',
  failed: 'Không lưu được trên máy. Hãy tắt chế độ ẩn danh hoặc giải phóng bộ nhớ rồi thử lại.',
};

export function SetPinScreen(props: { account: Account; onPin: (pin: string) => Promise<void>; onCancel: () => void }) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ pin?: string; again?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const found = { pin: isValidPin(pin) ? undefined : T.badPin, again: isValidPin(pin) && again !== pin ? T.mismatch : undefined };
    setErrors(found);
    if (found.pin || found.again) return;
    setBusy(true);
    try {
      await props.onPin(pin);
    } catch {
      setErrors({ form: T.failed });
      setBusy(false);
    }
  };

  return (
    <main class="screen set-pin">
      <h1>{T.title}</h1>
      <p>{T.hello(props.account.displayName, ROLE_LABELS[props.account.role])}</p>
      <p>{T.intro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField label={T.pin} type="password" inputMode="numeric" maxLength={6} value={pin} onInput={setPin} error={errors.pin} autoComplete="off" />
        <TextField label={T.again} type="password" inputMode="numeric" maxLength={6} value={again} onInput={setAgain} error={errors.again} autoComplete="off" />
        <p class="hint">{T.warning}</p>
        {errors.form ? (
          <p class="error-summary" role="alert">
            {errors.form}
          </p>
        ) : null}
        <button type="submit" class="primary big" disabled={busy}>
          {busy ? T.saving : T.save}
        </button>
      </form>
      <button type="button" class="link" onClick={props.onCancel}>
        {T.cancel}
      </button>
    </main>
  );
}
