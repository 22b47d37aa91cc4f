// What `npm start` and `npm test` do before their real work on a fresh clone: install the
// dependencies if they are missing, and rebuild dist/ when a source file is newer than it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Everything `vite build` reads. The server and the unit tests are not part of the build. */
const BUILD_INPUTS = ['src', 'sw', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];
const NOT_BUILD_INPUTS = [/^src\/server\//, /\.test\.tsx?$/];

/** The packages without which nothing runs; a half-installed node_modules is reinstalled. */
const REQUIRED_PACKAGES = ['tsx', 'vite', 'vitest', 'typescript', 'playwright-core'];

export function say(message) {
  process.stdout.write(`\n› ${message}\n`);
}

/**
 * Runs a command in the project folder with the terminal attached, forwarding SIGTERM and
 * SIGINT to it, and resolves with its exit code (128 + signal number if a signal ended it).
 */
export function run(command, args, env = process.env) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    const finish = (code) => {
      for (const signal of signals) process.off(signal, forward);
      done(code);
    };
    child.on('error', (error) => {
      process.stderr.write(`Could not run ${command}: ${error.message}\n`);
      finish(127);
    });
    child.on('exit', (code, signal) => finish(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1)));
  });
}

/** Like run, but keeps the output to itself; resolves with the exit code and what it printed. */
function runQuietly(command, args) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => done({ code: 127, output: error.message }));
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

function installFailed(code, detail = '') {
  process.stderr.write(`${detail}\nInstalling the dependencies failed (exit ${code}); see npm's message above.\n`);
  process.exit(code);
}

/**
 * `npm ci` when there is a lock file. npm 11's ci refuses a lock that lacks entries for some
 * other platform's optional packages (rollup's, here), which `npm install` accepts while still
 * installing the locked versions and leaving the lock as it is; so that is the fallback.
 */
/** npm's own record of what it installed; older than the lock file means a dependency changed. */
function installedBeforeLockChanged() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  return existsSync(installed) && existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs;
}

export async function ensureDependencies() {
  const missing = REQUIRED_PACKAGES.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
  if (installedBeforeLockChanged()) missing.push('packages added to package-lock.json since the last install');
  if (missing.length === 0) return;
  if (!existsSync(join(root, 'package-lock.json'))) {
    say(`Installing dependencies (npm install): ${missing.join(', ')} missing`);
    const code = await run('npm', ['install']);
    if (code !== 0) installFailed(code);
    return;
  }
  say(`Installing dependencies (npm ci): ${missing.join(', ')} missing`);
  const ci = await runQuietly('npm', ['ci']);
  if (ci.code === 0) {
    process.stdout.write(ci.output);
    return;
  }
  const lines = ci.output.split('\n');
  const reason =
    lines.find((line) => line.includes('Missing:')) ?? lines.find((line) => /^npm error \S/.test(line)) ?? `exit ${ci.code}`;
  say(`npm ci refused (${reason.replace(/^npm error\s*/, '')}, …); installing the locked versions with npm install`);
  const code = await run('npm', ['install']);
  if (code !== 0) installFailed(code, ci.output);
}

function newestFile(path) {
  if (!existsSync(path)) return undefined;
  const info = statSync(path);
  if (!info.isDirectory()) {
    const name = relative(root, path).split('\\').join('/');
    return NOT_BUILD_INPUTS.some((pattern) => pattern.test(name)) ? undefined : { path, mtimeMs: info.mtimeMs };
  }
  let newest;
  for (const entry of readdirSync(path)) {
    const found = newestFile(join(path, entry));
    if (found !== undefined && (newest === undefined || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/** Why dist/ must be rebuilt, in words, or undefined when it is up to date. */
export function staleBuildReason() {
  const index = join(root, 'dist', 'index.html');
  if (!existsSync(index)) return 'dist/index.html does not exist yet';
  const builtAt = statSync(index).mtimeMs;
  let newest;
  for (const input of BUILD_INPUTS) {
    const found = newestFile(join(root, input));
    if (found !== undefined && (newest === undefined || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest !== undefined && newest.mtimeMs > builtAt ? `${relative(root, newest.path)} changed since the last build` : undefined;
}

export async function ensureFreshBuild() {
  const reason = staleBuildReason();
  if (reason === undefined) return;
  say(`Building the app (${reason})`);
  const code = await run('npm', ['run', 'build']);
  if (code !== 0) {
    process.stderr.write(`\nThe build failed (exit ${code}); see the message above.\n`);
    process.exit(code);
  }
}
