// The recorder, open for one account: its database, its sync engine (started by itself when
// online, and after each save), and the screen for the current route. A sync that hears the
// token was revoked hands over to the session flow, which wipes at once.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { NgoSoDb } from '../db/database';
import { replaceAreas } from '../db/areas';
import type { Account } from '../domain/accounts';
import { autoSync } from '../sync/auto-sync';
import type { SyncReport } from '../sync/engine';
import { lazySyncEngine } from '../sync/lazy-engine';
import { AppContext, type AppContextValue } from './app-context';
import { hrefOf, useRoute, type Route } from './router';
import { API } from './session-flow';
import { SyncContext, type SyncControl } from './sync-context';
import { HomeScreen } from './screens/home';
import { HamletScreen } from './screens/hamlet';
import { lazyScreen } from './components/lazy-screen';

// The first start shows the hamlets and their households; every other screen loads when first
// opened (precached by the service worker, so offline too).
const HouseholdScreen = lazyScreen(() => import('./screens/household').then((m) => m.HouseholdScreen));
const SearchScreen = lazyScreen(() => import('./screens/search').then((m) => m.SearchScreen));
const OverviewScreen = lazyScreen(() => import('./screens/overview').then((m) => m.OverviewScreen));
const SettingsScreen = lazyScreen(() => import('./screens/settings').then((m) => m.SettingsScreen));
const MapScreen = lazyScreen(() => import('./screens/map').then((m) => m.MapScreen));

/** The lead's screens load when first opened: the first start does not pay for them. */
const LeadScreen = lazyScreen(() => import('./screens/lead').then((m) => m.LeadScreen));
/** The import screen and its XLSX reader load when a lead first opens it. */
const ImportScreen = lazyScreen(() => import('./screens/import').then((m) => m.ImportScreen));
/** The lead's hamlets and devices, changed on the server: loads when first opened. */
const CommuneAdminScreen = lazyScreen(() => import('./screens/commune-admin').then((m) => m.CommuneAdminScreen));

export type WorkspaceProps = Omit<AppContextValue, 'db' | 'account'> & {
  db: NgoSoDb;
  account: Account;
  token: string;
  /** The server's id for this phone's sign-in. */
  deviceId: string;
  /** Wipes this account at once (the sync may end after the app was locked: the account is named). */
  onRevoked: (account: Account) => Promise<void>;
};

export function Workspace(props: WorkspaceProps) {
  const { db, account, token, deviceId, onRevoked } = props;
  const [syncing, setSyncing] = useState(false);
  const route = useRoute();

  // The server is the origin the app came from; the team member's name is the account's.
  const engine = useMemo(() => lazySyncEngine({ db, baseUrl: API.baseUrl, token, userId: account.displayName }), [db, token, account.displayName]);
  const sync = useMemo<SyncControl>(() => {
    const syncNow = async (): Promise<SyncReport> => {
      setSyncing(true);
      try {
        const report = await engine.syncNow();
        if (report.revoked) {
          await onRevoked(account);
          return report;
        }
        if (report.ok) {
          // A lead may have added or renamed a hamlet since.
          const { fetchAreas } = await import('../sync/account-api');
          const areas = await fetchAreas(API, token);
          if (!areas.ok && areas.failure.kind === 'revoked') await onRevoked(account);
          else if (areas.ok && db.isOpen()) await replaceAreas(db, areas.value);
        }
        return report;
      } finally {
        setSyncing(engine.isSyncing());
      }
    };
    return { syncNow, syncing };
  }, [engine, syncing]);
  useEffect(() => autoSync({ syncNow: sync.syncNow }), [engine]);

  const context = useMemo<AppContextValue>(
    () => ({ db, account, setFormInProgress: props.setFormInProgress, notify: props.notify, lock: props.lock, signOut: props.signOut }),
    [db, account, props.setFormInProgress, props.notify, props.lock, props.signOut],
  );

  return (
    <AppContext.Provider value={context}>
      <SyncContext.Provider value={sync}>{screenFor(route, account, db, sync, { token, deviceId, onRevoked: () => void onRevoked(account) })}</SyncContext.Provider>
    </AppContext.Provider>
  );
}

/** Called, not mounted as a component, so that screens keep their state across renders. */
function screenFor(route: Route, account: Account, db: NgoSoDb, sync: SyncControl, server: { token: string; deviceId: string; onRevoked: () => void }) {
  switch (route.screen) {
    case 'home':
      return <HomeScreen />;
    case 'hamlet':
      return <HamletScreen hamletCode={route.hamletCode} />;
    case 'household':
      return <HouseholdScreen key={route.householdId} householdId={route.householdId} hamletCode={route.hamletCode} />;
    case 'search':
      return <SearchScreen query={route.query} />;
    case 'overview':
      return <OverviewScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'import':
      return account.role === 'lead' && account.communeCode !== null ? (
        <ImportScreen db={db} communeCode={account.communeCode} importedBy={account.displayName} backHref={hrefOf({ screen: 'home' })} onImported={() => void sync.syncNow()} />
      ) : (
        <HomeScreen />
      );
    case 'commune-admin':
      return account.role === 'lead' && account.communeCode !== null ? (
        <CommuneAdminScreen db={db} communeCode={account.communeCode} backHref={hrefOf({ screen: 'home' })} {...server} />
      ) : (
        <HomeScreen />
      );
    case 'map':
      return <MapScreen communeCode={account.communeCode ?? ''} indicatorId={route.indicatorId} />;
    case 'lead':
      return <LeadScreen key={route.path} path={route.path} query={route.query} communeCode={account.communeCode ?? ''} hamletCodes={account.hamletCodes} />;
  }
}
