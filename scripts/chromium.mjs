// Finds the Chromium the browser tests drive: CHROME_PATH, else Debian's /usr/bin/chromium.
// As root on Debian it installs chromium; otherwise it stops and prints the command to run.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { run, say } from './setup.mjs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function onPath(program) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, program)));
}

function fail(message) {
  process.stderr.write(`\n${message}\n`);
  process.exit(1);
}

/** The path of a Chromium to use, installing Debian's package when allowed; exits otherwise. */
export async function ensureChromium() {
  const chosen = process.env.CHROME_PATH?.trim();
  if (chosen) {
    if (existsSync(chosen)) return chosen;
    return fail(`CHROME_PATH is set to ${chosen}, but there is no file there.\nPoint it at a Chromium or Chrome program, or unset it to use ${DEFAULT_CHROMIUM}.`);
  }
  if (existsSync(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;

  const hasApt = onPath('apt-get');
  const isRoot = process.getuid?.() === 0;
  if (hasApt && isRoot) {
    say(`Chromium is missing; installing Debian's chromium package`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const code = (await run('apt-get', ['update'], env)) || (await run('apt-get', ['install', '-y', 'chromium'], env));
    if (code === 0 && existsSync(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
    return fail(`Installing chromium with apt-get failed (exit ${code}); see the message above.`);
  }
  return fail(
    hasApt
      ? `The browser tests need Chromium. Install it with:\n\n  sudo apt-get install -y chromium\n`
      : `The browser tests need Chromium. Install Chromium or Chrome, then run:\n\n  CHROME_PATH=/path/to/chromium npm test\n`,
  );
}
