// The Ngõ Số server: serves the built app from dist/ and the API, with its data in DATA_DIR; a
// new data folder gets the demo areas and accounts. `npm start` runs this file; tests call startServer on port 0 and close it afterwards.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEMO_COMMUNE_CODE } from '../domain/demo-commune';
import type { SignInLimits } from './accounts/auth-api';
import { DEMO_PASSWORD, demoAccountsActive, demoInstructions, seedDemo } from './accounts/demo-seed';
import { createAuthenticate, type SharedToken } from './accounts/session';
import { sqliteAccountStore } from './accounts/sqlite-accounts';
import { createApi } from './api';
import { logError, logLine } from './log';
import { createRequestHandler } from './routes';
import { DATABASE_FILE, openDatabase, sqliteSyncStore } from './sync/sqlite-store';

export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

/** How long open requests may run on after a stop before their connections are cut. */
const STOP_GRACE_MS = 5_000;

/**
 * The shared token every phone sent before accounts (issue 4). A server started without
 * SYNC_TOKEN takes it for the demo commune only while the demo accounts are active, for the
 * tests of the sync engine that do not sign in; a server with real areas refuses it.
 */
export const DEMO_SHARED_TOKEN: SharedToken = { communeCode: DEMO_COMMUNE_CODE, token: 'ngo-so-demo', whileDemo: true };
const SHARED_DEMO_TOKEN_BY_DEFAULT = true;

export type ServerOptions = {
  port?: number;
  host?: string;
  distDir?: string;
  /** Folder of the database (created if missing); without it the data lives in memory only. */
  dataDir?: string;
  /** The old shared sync token of one commune, for push and pull only; null: none. */
  sharedToken?: SharedToken | null;
  /** Shorthand for sharedToken in tests: this commune, with this token or the demo one. */
  syncCommune?: string;
  syncToken?: string;
  /** Set up the demo areas and accounts when the database is new (default: yes). */
  demo?: boolean;
  now?: () => number;
  signInLimits?: SignInLimits;
};
export type RunningServer = {
  url: string;
  port: number;
  /** The database was new, and the demo areas and accounts were set up in it. */
  demoCreated: boolean;
  /** The demo accounts can sign in (the server holds no real areas and they were not disabled). */
  demoActive: boolean;
  close(): Promise<void>;
};

export type ServerConfig = { port: number; host: string; distDir: string; dataDir: string; sharedToken: SharedToken | null };

export function configFromEnv(env: Record<string, string | undefined>, cwd = process.cwd()): ServerConfig {
  const portText = env.PORT?.trim() || '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`PORT must be a whole number from 0 to 65535, not "${portText}"`);
  const token = env.SYNC_TOKEN?.trim() || undefined;
  const commune = env.SYNC_COMMUNE?.trim() || undefined;
  const asked = token !== undefined || commune !== undefined;
  const shared = asked ? { communeCode: commune ?? DEMO_COMMUNE_CODE, token: token ?? DEMO_SHARED_TOKEN.token } : SHARED_DEMO_TOKEN_BY_DEFAULT ? DEMO_SHARED_TOKEN : null;
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    distDir: DEFAULT_DIST_DIR,
    dataDir: resolve(cwd, env.DATA_DIR?.trim() || 'data'),
    sharedToken: shared,
  };
}

function sharedTokenOf(options: ServerOptions): SharedToken | null {
  if (options.sharedToken !== undefined) return options.sharedToken;
  if (options.syncCommune !== undefined || options.syncToken !== undefined) {
    return { communeCode: options.syncCommune ?? DEMO_COMMUNE_CODE, token: options.syncToken ?? DEMO_SHARED_TOKEN.token };
  }
  return SHARED_DEMO_TOKEN_BY_DEFAULT ? DEMO_SHARED_TOKEN : null;
}

/** The address to open in a browser; a server on every interface is also on 127.0.0.1. */
function browsableUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { port = 8080, host = '127.0.0.1', distDir = DEFAULT_DIST_DIR, dataDir, now = Date.now } = options;
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const file = dataDir === undefined ? ':memory:' : join(dataDir, DATABASE_FILE);
  const isNew = file === ':memory:' || !existsSync(file);
  const db = openDatabase(file);
  const store = sqliteSyncStore(db);
  const accounts = sqliteAccountStore(db);
  let demoCreated = false;
  if (isNew && options.demo !== false) {
    try {
      await seedDemo(accounts, new Date(now()).toISOString());
      demoCreated = true;
    } catch (error) {
      db.close();
      throw error;
    }
  }
  const demoActive = demoAccountsActive(accounts);
  const authenticate = createAuthenticate(accounts, sharedTokenOf(options));
  const api = createApi({ store, accounts, authenticate, now, ...(options.signInLimits === undefined ? {} : { signInLimits: options.signInLimits }) });
  const server = createServer(createRequestHandler({ distDir, api }));
  const stopListening = () =>
    new Promise<void>((done, fail) => {
      const cut = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS).unref();
      server.close((error) => {
        clearTimeout(cut);
        if (error) fail(error);
        else done();
      });
      server.closeIdleConnections();
    });
  /** Open requests finish (or are cut) before the database closes under them. */
  const close = () => stopListening().finally(() => db.close());
  return new Promise((done, fail) => {
    const failToListen = (error: Error) => {
      db.close();
      fail(error);
    };
    server.once('error', failToListen);
    server.listen(port, host, () => {
      server.off('error', failToListen);
      const address = server.address();
      const actualPort = typeof address === 'object' && address !== null ? address.port : port;
      done({ url: browsableUrl(host, actualPort), port: actualPort, demoCreated, demoActive, close });
    });
  });
}

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const server = await startServer(config);
  const everywhere = config.host === '0.0.0.0' || config.host === '::';
  logLine(`Ngõ Số: ${server.url}${everywhere ? ' (also on this machine\'s network addresses)' : ''}`);
  logLine(`Ngõ Số: data in ${join(config.dataDir, DATABASE_FILE)}`);
  if (server.demoCreated) for (const line of demoInstructions(server.url)) logLine(line);
  else if (server.demoActive) logLine(`Ngõ Số: demo accounts are active (e.g. demo.member, password ${DEMO_PASSWORD}); npm run admin -- disable-demo switches them off`);
  const shared = config.sharedToken;
  if (shared === DEMO_SHARED_TOKEN) {
    if (server.demoActive) logLine('Ngõ Số: while the demo is active, the old demo token "ngo-so-demo" may still push and pull the demo commune');
  } else if (shared?.token === DEMO_SHARED_TOKEN.token) {
    logLine(`Ngõ Số: WARNING: commune ${shared.communeCode} takes the public demo token for push and pull; set SYNC_TOKEN, or better, give everyone an account`);
  } else if (shared !== null) {
    logLine(`Ngõ Số: the shared SYNC_TOKEN is accepted for push and pull in commune ${shared.communeCode}`);
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().catch((error: unknown) => {
      logError('stop failed', error);
      process.exitCode = 1;
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const runAsProgram = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runAsProgram) {
  main().catch((error: unknown) => {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    logError('could not start', inUse ? 'the port is already in use; choose another with PORT=8081 npm start' : error);
    process.exit(1);
  });
}
