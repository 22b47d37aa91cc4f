// Shown once the server said this phone's token was revoked: its personal data is already gone.
const T = {
  title: 'Đã thu hồi quyền truy cập',
  text: (name: string) =>
    `Điện thoại này đã bị thu hồi quyền truy cập của tài khoản ${name} (tổ trưởng hoặc quản trị đã thu hồi, hoặc tài khoản đã đăng xuất trên máy này từ nơi khác). Dữ liệu cá nhân của tài khoản trên điện thoại đã được xoá.`,
  next: 'Nếu cần dùng tiếp, hãy liên hệ tổ trưởng rồi đăng nhập lại.',
  done: 'Về màn hình đăng nhập',
};

export function RevokedScreen(props: { displayName: string; onDone: () => void }) {
  return (
    <main class="screen revoked">
      <h1>{T.title}</h1>
      <p class="error-summary" role="alert">
        {T.text(props.displayName)}
      </p>
      <p>{T.next}</p>
      <button type="button" class="primary big" onClick={props.onDone}>
        {T.done}
      </button>
    </main>
  );
}
