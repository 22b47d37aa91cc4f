// The import screen as a route: its code and the XLSX reader are fetched when it is first
// shown, so neither weighs on the first start (where every other screen is).
import { useEffect, useState } from 'preact/hooks';
import type { ImportScreen, ImportScreenProps } from './import';

const T = {
  loading: 'Đang mở…',
  failed: 'Không mở được màn hình nhập danh sách (lần đầu cần có mạng). Hãy thử lại khi có mạng.',
};

export function LazyImportScreen(props: ImportScreenProps) {
  const [Screen, setScreen] = useState<typeof ImportScreen | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./import').then(
      (m) => setScreen(() => m.ImportScreen),
      () => setFailed(true),
    );
  }, []);
  if (Screen !== null) return <Screen {...props} />;
  return (
    <main class="screen">
      <a class="back" href={props.backHref}>
        ←
      </a>
      {failed ? <p class="error-summary" role="alert">{T.failed}</p> : <p>{T.loading}</p>}
    </main>
  );
}
