// `npm test`: every check, in the order a failure is cheapest to find. Installs the
// dependencies if missing and finds (or installs) Chromium first; stops at the first failure.
import { ensureChromium } from './chromium.mjs';
import { ensureDependencies, run, say } from './setup.mjs';

const STEPS = [
  ['typecheck', 'types (tsc -b)'],
  ['test:unit', 'unit tests'],
  ['test:integration', 'integration tests: real server, flaky link, SIGKILL'],
  ['build', 'build and first-start size budget'],
  ['test:e2e', 'browser tests in Chromium'],
];

await ensureDependencies();
const chromePath = await ensureChromium();
const env = { ...process.env, CHROME_PATH: chromePath };

const done = [];
for (const [script, what] of STEPS) {
  say(`npm run ${script} — ${what}`);
  const started = Date.now();
  const code = await run('npm', ['run', script], env);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    process.stderr.write(`\n✗ npm test stopped: ${what} failed (npm run ${script}, exit ${code}, ${seconds} s)\n`);
    process.exit(code);
  }
  done.push(`  ✓ ${what} (${seconds} s)`);
}
process.stdout.write(`\nAll checks passed (Chromium: ${chromePath})\n${done.join('\n')}\n`);
