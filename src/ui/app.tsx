// The app shell: opens the phone's database, loads the device's preferences, shows the screen
// for the current route, and offers a new version only when no form is being filled in.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { NgoSoDb } from '../db/database';
import { loadDevicePrefs, saveDevicePrefs, type DevicePrefs } from '../db/device-prefs';
import { AppContext, type AppContextValue } from './app-context';
import { useRoute, type Route } from './router';
import { SyncContext, type SyncControl } from './sync-context';
import { createSyncEngine, type SyncReport } from '../sync/engine';
import { autoSync } from '../sync/auto-sync';
import { WelcomeScreen } from './screens/welcome';
import { HomeScreen } from './screens/home';
import { HamletScreen } from './screens/hamlet';
import { HouseholdScreen } from './screens/household';
import { SearchScreen } from './screens/search';
import { OverviewScreen } from './screens/overview';
import { SettingsScreen } from './screens/settings';

const T = {
  update: 'Đã có phiên bản mới của Ngõ Số.',
  reload: 'Cập nhật ngay',
  starting: 'Đang mở Ngõ Số…',
  storageError: 'Không mở được bộ nhớ của ứng dụng trên điện thoại. Hãy tắt chế độ ẩn danh hoặc giải phóng bộ nhớ rồi mở lại.',
};

const NOTICE_MS = 4000;

export function App({ db, onUpdateReady }: { db: NgoSoDb; onUpdateReady: (listener: (apply: () => void) => void) => void }) {
  const [prefs, setPrefs] = useState<DevicePrefs | null>(null);
  const [failed, setFailed] = useState(false);
  const [formInProgress, setFormInProgress] = useState(false);
  const [applyUpdate, setApplyUpdate] = useState<(() => void) | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeTimer = useRef<ReturnType<typeof setTimeout>>();
  const [syncing, setSyncing] = useState(false);
  const route = useRoute();

  // One engine per user and token; the server is the origin the app came from.
  const engine = useMemo(
    () => (prefs === null ? null : createSyncEngine({ db, baseUrl: '', token: prefs.syncToken, userId: prefs.teamMember })),
    [db, prefs?.syncToken, prefs?.teamMember],
  );
  const sync = useMemo<SyncControl>(() => {
    const syncNow = async (): Promise<SyncReport> => {
      if (engine === null) return { ok: false, confirmed: 0, rejected: 0, pulled: 0, skipped: 0, pending: 0 };
      setSyncing(true);
      try {
        return await engine.syncNow();
      } finally {
        setSyncing(engine.isSyncing());
      }
    };
    return { syncNow, syncing };
  }, [engine, syncing]);
  useEffect(() => {
    if (engine === null || prefs?.communeCode === null) return;
    return autoSync({ syncNow: sync.syncNow });
  }, [engine, prefs?.communeCode]);

  useEffect(() => {
    loadDevicePrefs().then(setPrefs, () => setFailed(true));
    onUpdateReady((apply) => setApplyUpdate(() => apply));
  }, []);

  const context = useMemo<AppContextValue | null>(
    () =>
      prefs === null
        ? null
        : {
            db,
            prefs,
            updatePrefs: async (next) => {
              await saveDevicePrefs(next);
              setPrefs(next);
            },
            setFormInProgress,
            notify: (message) => {
              clearTimeout(noticeTimer.current);
              setNotice(message);
              noticeTimer.current = setTimeout(() => setNotice(null), NOTICE_MS);
            },
          },
    [db, prefs],
  );

  if (failed) return <main class="screen"><p class="error-summary">{T.storageError}</p></main>;
  if (context === null) return <main class="screen"><p>{T.starting}</p></main>;

  return (
    <AppContext.Provider value={context}>
      <SyncContext.Provider value={sync}>
      {applyUpdate && !formInProgress ? (
        <div class="update-banner" role="status">
          <span>{T.update}</span>
          <button type="button" class="primary" onClick={applyUpdate}>
            {T.reload}
          </button>
        </div>
      ) : null}
      {context.prefs.communeCode === null ? <WelcomeScreen /> : screenFor(route)}
      {notice ? (
        <div class="toast" role="status">
          {notice}
        </div>
      ) : null}
      </SyncContext.Provider>
    </AppContext.Provider>
  );
}

/** Called, not mounted as a component, so that screens keep their state across App renders. */
function screenFor(route: Route) {
  switch (route.screen) {
    case 'home':
      return <HomeScreen />;
    case 'hamlet':
      return <HamletScreen hamletCode={route.hamletCode} />;
    case 'household':
      return <HouseholdScreen key={route.householdId} householdId={route.householdId} hamletCode={route.hamletCode} />;
    case 'search':
      return <SearchScreen key={route.query} query={route.query} />;
    case 'overview':
      return <OverviewScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
