// The app shell: the way in (sign in, PIN), the open account (the recorder, or the numbers-only
// screen for roles that see no personal data), the way out, and a new version offered only
// when no form is being filled in.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSessionFlow } from './session-flow';
import { Workspace } from './workspace';
import { UnlockScreen } from './screens/unlock';
import { lazyScreen } from './components/lazy-screen';

// A phone opens on the lock screen and then the recorder; the other ways in and out, and the
// numbers-only screen, load when first needed (precached, so offline too).
const SignInScreen = lazyScreen(() => import('./screens/sign-in').then((m) => m.SignInScreen));
const SetPinScreen = lazyScreen(() => import('./screens/set-pin').then((m) => m.SetPinScreen));
const RevokedScreen = lazyScreen(() => import('./screens/revoked').then((m) => m.RevokedScreen));
const NumbersOnlyScreen = lazyScreen(() => import('./screens/numbers-only').then((m) => m.NumbersOnlyScreen));

const T = {
  update: 'Đã có phiên bản mới của Ngõ Số.',
  reload: 'Cập nhật ngay',
  starting: 'Đang mở Ngõ Số…',
  leaving: 'Đang xoá dữ liệu của tài khoản trên điện thoại…',
  storageError: 'Không mở được bộ nhớ của ứng dụng trên điện thoại. Hãy tắt chế độ ẩn danh hoặc giải phóng bộ nhớ rồi mở lại.',
};

const NOTICE_MS = 4000;
/** Hidden this long (another app, the screen off), the app locks itself: the PIN is asked again. */
export const AUTO_LOCK_MS = 30 * 60_000;

export function App({ onUpdateReady }: { onUpdateReady: (listener: (apply: () => void) => void) => void }) {
  const flow = useSessionFlow();
  const [formInProgress, setFormInProgress] = useState(false);
  const [applyUpdate, setApplyUpdate] = useState<(() => void) | null>(null);
  const showToast = useRef<(message: string | null) => void>();
  const toastTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    onUpdateReady((apply) => setApplyUpdate(() => apply));
  }, []);

  // Forms are kept as drafts when the app is hidden, so locking loses nothing typed.
  useEffect(() => {
    let hiddenAt: number | null = null;
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        hiddenAt = Date.now();
        return;
      }
      if (hiddenAt !== null && Date.now() - hiddenAt >= AUTO_LOCK_MS) flow.lock({ keepScreen: true });
      hiddenAt = null;
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);

  const notify = useRef((message: string) => {
    clearTimeout(toastTimer.current);
    showToast.current?.(message);
    toastTimer.current = setTimeout(() => showToast.current?.(null), NOTICE_MS);
  }).current;

  const lock = useRef(() => flow.lock()).current;
  const { phase } = flow;
  let screen;
  switch (phase.kind) {
    case 'starting':
      screen = <main class="screen"><p>{T.starting}</p></main>;
      break;
    case 'leaving':
      screen = <main class="screen"><p>{T.leaving}</p></main>;
      break;
    case 'failed':
      screen = <main class="screen"><p class="error-summary">{T.storageError}</p></main>;
      break;
    case 'sign-in':
      screen = <SignInScreen initialUsername={phase.username} notice={flow.notice} onSignedIn={flow.signedIn} onBack={phase.canGoBack ? flow.backToLock : undefined} />;
      break;
    case 'set-pin':
      screen = <SetPinScreen account={phase.signedIn.account} onPin={flow.setPin} onCancel={flow.backToLock} />;
      break;
    case 'locked':
      screen = (
        <UnlockScreen
          sessions={phase.sessions}
          notice={flow.notice}
          onUnlocked={flow.unlocked}
          onWiped={(name) => void flow.wipedAfterWrongPins(name)}
          onSignIn={flow.startSignIn}
        />
      );
      break;
    case 'revoked':
      screen = <RevokedScreen displayName={phase.displayName} onDone={flow.backToLock} />;
      break;
    case 'open':
      screen =
        phase.db === null ? (
          <NumbersOnlyScreen account={phase.session.account} token={phase.token} onLock={lock} onSignOut={flow.signOut} />
        ) : (
          <Workspace
            key={phase.session.account.userId}
            db={phase.db}
            account={phase.session.account}
            token={phase.token}
            deviceId={phase.session.deviceId}
            setFormInProgress={setFormInProgress}
            notify={notify}
            lock={lock}
            signOut={flow.signOut}
            onRevoked={flow.revoked}
          />
        );
      break;
  }

  return (
    <>
      {applyUpdate && !formInProgress ? (
        <div class="update-banner" role="status">
          <span>{T.update}</span>
          <button type="button" class="primary" onClick={applyUpdate}>
            {T.reload}
          </button>
        </div>
      ) : null}
      {screen}
      <ToastHost show={showToast} />
    </>
  );
}

/**
 * Always there, a layer of its own: a toast shown is laid out and painted alone, not with the
 * screen under it. Its state is its own: "Đã lưu" shown after a save does not draw the app and
 * the form under it again first (a slow phone's ~2-3 ms, before the word is painted).
 */
function ToastHost({ show }: { show: { current?: (message: string | null) => void } }) {
  const [toast, setToast] = useState<string | null>(null);
  show.current = setToast;
  return (
    <div class="toast-host">
      {toast ? (
        <div class="toast" role="status">
          {toast}
        </div>
      ) : null}
    </div>
  );
}
