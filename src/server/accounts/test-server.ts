// A real server on a temporary data folder for the account tests, with helpers to sign in as
// the demo accounts and to call the API with a device token. Used by tests only.
import Database from 'better-sqlite3';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignInResponse } from '../../domain/accounts';
import { runAdmin } from '../admin';
import { startServer, type RunningServer, type ServerOptions } from '../main';
import { DATABASE_FILE } from '../sync/sqlite-store';
import { DEMO_PASSWORD } from './demo-seed';

export type TestServer = {
  readonly url: (path: string) => string;
  readonly dataDir: string;
  /** Signs in and returns the device token. */
  signIn(username: string, password?: string, deviceName?: string): Promise<SignInResponse>;
  call(method: string, path: string, token: string | undefined, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Runs `npm run admin -- …` on the server's data folder; throws when it refuses. */
  admin(args: string[], stdin?: string): Promise<string[]>;
  /** Rows in every table of the file. */
  rowCounts(): Record<string, number>;
  close(): Promise<void>;
};

export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const tmp = await mkdtemp(join(tmpdir(), 'ngo-so-accounts-'));
  const dataDir = join(tmp, 'data');
  await mkdir(join(tmp, 'dist'), { recursive: true });
  await writeFile(join(tmp, 'dist', 'index.html'), '<!doctype html><title>Ngõ Số</title>');
  const server: RunningServer = await startServer({ port: 0, host: '127.0.0.1', distDir: join(tmp, 'dist'), dataDir, sharedToken: null, ...options });
  const url = (path: string) => new URL(path, server.url).href;
  const call = (method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(url(path), {
      method,
      headers: {
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return {
    url,
    dataDir,
    call,
    signIn: async (username, password = DEMO_PASSWORD, deviceName = `phone of ${username}`) => {
      const res = await call('POST', '/api/auth/sign-in', undefined, { username, password, deviceName });
      if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as SignInResponse;
    },
    admin: async (args, stdin = '') => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runAdmin(args, { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin, env: { DATA_DIR: dataDir } });
      if (code !== 0) throw new Error(`admin ${args.join(' ')} failed: ${err.join('\n')}`);
      return out;
    },
    rowCounts: () => {
      const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        const tables = db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all();
        return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
      } finally {
        db.close();
      }
    },
    close: async () => {
      await server.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
