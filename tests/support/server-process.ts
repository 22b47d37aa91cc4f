// The real server as its own process, so a test can kill it with SIGKILL mid-sync and start
// it again on the same port and data folder, as a power cut at the commune office would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port: number, child: ChildProcess, errors: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${errors().trim().split('\n').slice(-5).join('\n')}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not answer /api/health in time');
}

export type ServerProcess = {
  readonly port: number;
  /** SIGKILL: no graceful shutdown, no chance to flush anything. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data folder, once it is down. */
  restart(): Promise<void>;
  /** SIGTERM: the server finishes open requests and closes its database. */
  stop(): Promise<void>;
  /** What the server wrote on stderr so far, across restarts. */
  errors(): string;
};

export async function startServerProcess(options: { dataDir: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let errors = '';
  const running = (c: ChildProcess | undefined): c is ChildProcess => c !== undefined && c.exitCode === null && c.signalCode === null;

  const start = async () => {
    if (running(child)) throw new Error('the server is still running: kill or stop it before restarting');
    const started = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: options.dataDir, ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    started.stderr?.setEncoding('utf8');
    started.stderr?.on('data', (text: string) => {
      errors += text;
    });
    child = started;
    await waitForHealth(port, started, () => errors);
  };
  const killWith = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!running(c)) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill(signal);
    });
  };

  await start();
  return {
    port,
    kill: () => killWith('SIGKILL'),
    restart: start,
    stop: () => killWith('SIGTERM'),
    errors: () => errors,
  };
}
