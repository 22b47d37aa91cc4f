// The app server for one test file: serves dist/ on 127.0.0.1 at a free port from the first
// test of the file to its last. `npm test` builds first; if dist/ is missing, it builds once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/main';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const distDir = join(projectRoot, 'dist');

export function ensureBuilt(): void {
  if (existsSync(join(distDir, 'index.html'))) return;
  const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  // Vitest sets NODE_ENV=test, which would give a development build: leave the build its own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')));
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: projectRoot, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${String(result.status)}); see its output above`);
}

export type AppServer = {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  /** The absolute address of a path in the app, e.g. url('/api/health'). */
  url(path?: string): string;
};

/** Call once at the top of a test file or describe block. */
export function useAppServer(): AppServer {
  let running: RunningServer | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    ensureBuilt();
    // A real SQLite file, as the commune's server has, in a folder of this test file's own.
    dataDir = mkdtempSync(join(tmpdir(), 'ngo-so-e2e-'));
    running = await startServer({ port: 0, host: '127.0.0.1', distDir, dataDir });
  });

  afterAll(async () => {
    await running?.close();
    running = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const origin = (): string => {
    if (running === undefined) throw new Error('The app server runs only during the tests of the file that called useAppServer()');
    return new URL(running.url).origin;
  };
  return {
    get origin() {
      return origin();
    },
    url: (path = '/') => new URL(path, origin()).href,
  };
}
