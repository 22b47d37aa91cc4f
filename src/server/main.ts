// The Ngõ Số server: serves the built app from dist/ (and, later, the sync API).
// `npm start` runs this file; tests call startServer on port 0 and close it afterwards.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { logError, logLine } from './log';
import { createRequestHandler } from './routes';

export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

/** How long open requests may run on after a stop before their connections are cut. */
const STOP_GRACE_MS = 5_000;

export type ServerOptions = { port?: number; host?: string; distDir?: string };
export type RunningServer = { url: string; port: number; close(): Promise<void> };

export type ServerConfig = { port: number; host: string; distDir: string; dataDir: string };

export function configFromEnv(env: Record<string, string | undefined>, cwd = process.cwd()): ServerConfig {
  const portText = env.PORT?.trim() || '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`PORT must be a whole number from 0 to 65535, not "${portText}"`);
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    distDir: DEFAULT_DIST_DIR,
    dataDir: resolve(cwd, env.DATA_DIR?.trim() || 'data'),
  };
}

/** The address to open in a browser; a server on every interface is also on 127.0.0.1. */
function browsableUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

export function startServer({ port = 8080, host = '127.0.0.1', distDir = DEFAULT_DIST_DIR }: ServerOptions = {}): Promise<RunningServer> {
  const server = createServer(createRequestHandler({ distDir }));
  const close = () =>
    new Promise<void>((done, fail) => {
      const cut = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS).unref();
      server.close((error) => {
        clearTimeout(cut);
        if (error) fail(error);
        else done();
      });
      server.closeIdleConnections();
    });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      const address = server.address();
      const actualPort = typeof address === 'object' && address !== null ? address.port : port;
      done({ url: browsableUrl(host, actualPort), port: actualPort, close });
    });
  });
}

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  await mkdir(config.dataDir, { recursive: true });
  const server = await startServer(config);
  const everywhere = config.host === '0.0.0.0' || config.host === '::';
  logLine(`Ngõ Số: ${server.url}${everywhere ? ' (also on this machine\'s network addresses)' : ''}`);

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
