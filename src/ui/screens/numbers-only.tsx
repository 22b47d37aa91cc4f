// A province officer or an administrator on a phone: numbers only, never names. Nothing personal
// is pulled or stored for these roles; the province view itself comes with issue 5.
import { ROLE_LABELS, type Account } from '../../domain/accounts';
import { SignOutButton } from '../components/sign-out';

const T = {
  title: 'Số liệu tổng hợp',
  who: (a: Account) => `${a.displayName} (${a.username}) — ${ROLE_LABELS[a.role]}`,
  numbersOnly:
    'Vai trò này chỉ xem số liệu tổng hợp của các xã, không xem họ tên hay thông tin cá nhân của người dân: điện thoại không tải về và không lưu dữ liệu cá nhân nào.',
  comingSoon: 'Màn hình số liệu cấp tỉnh sẽ có ở phiên bản sau (issue 5).',
  lock: 'Khoá ứng dụng',
};

export function NumbersOnlyScreen(props: { account: Account; onLock: () => void; onSignOut: () => Promise<void> }) {
  return (
    <main class="screen numbers-only">
      <h1>{T.title}</h1>
      <p>{T.who(props.account)}</p>
      <p class="notice">{T.numbersOnly}</p>
      <p>{T.comingSoon}</p>
      <button type="button" class="secondary big" onClick={props.onLock}>
        {T.lock}
      </button>
      <SignOutButton signOut={props.onSignOut} />
    </main>
  );
}
