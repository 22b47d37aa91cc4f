// "Đăng xuất": sync first; if anything is still unsent, say how much and ask again; then the
// session flow revokes the token (if online) and wipes the account's data from the phone.
import { useState } from 'preact/hooks';
import { formatInteger } from '../../domain/format-vi';

/** What would be lost by signing out now. */
export type Unsent = { changes: number; drafts: number; error?: string | undefined };

const T = {
  signOut: 'Đăng xuất',
  hint: 'Đăng xuất sẽ gửi các thay đổi lên máy chủ, rồi xoá toàn bộ dữ liệu của tài khoản này trên điện thoại. Dữ liệu đã gửi vẫn còn trên máy chủ.',
  syncing: 'Đang gửi các thay đổi lên máy chủ trước khi đăng xuất…',
  leaving: 'Đang đăng xuất…',
  unsent: (u: Unsent) =>
    [u.changes > 0 ? `${formatInteger(u.changes)} thay đổi chưa gửi được lên máy chủ` : '', u.drafts > 0 ? `${formatInteger(u.drafts)} biểu mẫu chưa lưu` : '']
      .filter(Boolean)
      .join(' và '),
  warning: (what: string) => `Còn ${what}.`,
  consequence: 'Nếu đăng xuất bây giờ, chúng sẽ bị xoá khỏi điện thoại này và không lấy lại được. Nên kết nối mạng, bấm "Đồng bộ ngay" và lưu các biểu mẫu trước.',
  lastError: (error: string) => `Lần gửi vừa rồi: ${error}`,
  confirm: 'Vẫn đăng xuất và xoá',
  stay: 'Ở lại, chưa đăng xuất',
};

type State = { step: 'idle' } | { step: 'syncing' } | { step: 'confirm'; unsent: Unsent } | { step: 'leaving' };

export function SignOutButton(props: { signOut: () => Promise<void>; beforeSignOut?: () => Promise<Unsent> }) {
  const [state, setState] = useState<State>({ step: 'idle' });

  const leave = async () => {
    setState({ step: 'leaving' });
    await props.signOut();
  };
  const start = async () => {
    if (props.beforeSignOut === undefined) return leave();
    setState({ step: 'syncing' });
    const unsent = await props.beforeSignOut();
    if (unsent.changes > 0 || unsent.drafts > 0) setState({ step: 'confirm', unsent });
    else await leave();
  };

  if (state.step === 'confirm') {
    return (
      <section class="sign-out" aria-label={T.signOut}>
        <div class="error-summary" role="alert">
          <p>{T.warning(T.unsent(state.unsent))}</p>
          <p>{T.consequence}</p>
          {state.unsent.error ? <p>{T.lastError(state.unsent.error)}</p> : null}
        </div>
        <button type="button" class="primary big" onClick={() => setState({ step: 'idle' })}>
          {T.stay}
        </button>
        <button type="button" class="danger" onClick={() => void leave()}>
          {T.confirm}
        </button>
      </section>
    );
  }
  const busy = state.step !== 'idle';
  return (
    <section class="sign-out">
      <button type="button" class="danger" disabled={busy} onClick={() => void start()}>
        {state.step === 'syncing' ? T.syncing : state.step === 'leaving' ? T.leaving : T.signOut}
      </button>
      <p class="hint">{T.hint}</p>
    </section>
  );
}
