// The Ngõ Số server: serves the built app from dist/ and the sync API, with its data in
// DATA_DIR. `npm start` runs this file; tests call startServer on port 0 and close it afterwards.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEMO_COMMUNE_CODE } from '../domain/demo-commune';
import { createApi } from './api';
import { logError, logLine } from './log';
import { createRequestHandler } from './routes';
import { singleCommuneAuth } from './sync/auth';
import { DATABASE_FILE, openSqliteStore } from './sync/sqlite-store';

export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

/** How long open requests may run on after a stop before their connections are cut. */
const STOP_GRACE_MS = 5_000;

/** Until accounts exist (issue 4): the one commune the server syncs, and its shared token. */
export const DEFAULT_SYNC_COMMUNE = DEMO_COMMUNE_CODE;
export const DEFAULT_SYNC_TOKEN = 'ngo-so-demo';

export type ServerOptions = {
  port?: number;
  host?: string;
  distDir?: string;
  /** Folder of the sync database (created if missing); without it the data lives in memory only. */
  dataDir?: string;
  syncCommune?: string;
  syncToken?: string;
};
export type RunningServer = { url: string; port: number; close(): Promise<void> };

export type ServerConfig = Required<ServerOptions>;

export function configFromEnv(env: Record<string, string | undefined>, cwd = process.cwd()): ServerConfig {
  const portText = env.PORT?.trim() || '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`PORT must be a whole number from 0 to 65535, not "${portText}"`);
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    distDir: DEFAULT_DIST_DIR,
    dataDir: resolve(cwd, env.DATA_DIR?.trim() || 'data'),
    syncCommune: env.SYNC_COMMUNE?.trim() || DEFAULT_SYNC_COMMUNE,
    syncToken: env.SYNC_TOKEN?.trim() || DEFAULT_SYNC_TOKEN,
  };
}

/** The address to open in a browser; a server on every interface is also on 127.0.0.1. */
function browsableUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { port = 8080, host = '127.0.0.1', distDir = DEFAULT_DIST_DIR, dataDir } = options;
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const store = openSqliteStore(dataDir === undefined ? ':memory:' : join(dataDir, DATABASE_FILE));
  const authenticate = singleCommuneAuth(options.syncCommune ?? DEFAULT_SYNC_COMMUNE, options.syncToken ?? DEFAULT_SYNC_TOKEN);
  const server = createServer(createRequestHandler({ distDir, api: createApi({ store, authenticate }) }));
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
  const close = () => stopListening().finally(() => store.close());
  return new Promise((done, fail) => {
    const failToListen = (error: Error) => {
      void store.close();
      fail(error);
    };
    server.once('error', failToListen);
    server.listen(port, host, () => {
      server.off('error', failToListen);
      const address = server.address();
      const actualPort = typeof address === 'object' && address !== null ? address.port : port;
      done({ url: browsableUrl(host, actualPort), port: actualPort, close });
    });
  });
}

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const server = await startServer(config);
  const everywhere = config.host === '0.0.0.0' || config.host === '::';
  logLine(`Ngõ Số: ${server.url}${everywhere ? ' (also on this machine\'s network addresses)' : ''}`);
  logLine(`Ngõ Số: sync data in ${join(config.dataDir, DATABASE_FILE)}, commune ${config.syncCommune}`);
  if (config.syncToken === DEFAULT_SYNC_TOKEN) logLine('Ngõ Số: sync uses the demo token; set SYNC_TOKEN before real use');

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
