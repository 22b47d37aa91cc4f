// How much CPU an idle page takes while DevTools slows it (Emulation.setCPUThrottlingRate), the
// reason the phone bench slows each phone only while it is measured (tests/bench/phone.ts).
// Sums user + system time of this run's Chromium processes over 5 s: an empty page unslowed,
// slowed 4×, and unslowed again.
//   node --import tsx tests/bench/idle-slowed-page.ts
import { readFileSync, readdirSync } from 'node:fs';
import { launchChromium } from '../e2e/support/browser';
import { CPU_SLOWDOWN, throttle } from './phone';

const TICKS_PER_SECOND = 100;

/** CPU seconds so far of every process descended from this one (the browser and its children). */
function cpuOfDescendants(): number {
  const parentOf = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name may hold spaces: the fields after it are read from its closing parenthesis.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(name), Number(fields[1]));
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while read.
    }
  }
  const descends = (pid: number): boolean => {
    for (let at = parentOf.get(pid); at !== undefined && at > 1; at = parentOf.get(at)) if (at === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, t] of ticks) if (descends(pid)) total += t;
  return total / TICKS_PER_SECOND;
}

const browser = await launchChromium();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent('<p>idle</p>');
  const cdp = await context.newCDPSession(page);
  const over5s = async (label: string) => {
    const before = cpuOfDescendants();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    console.log(`${label}: ${(cpuOfDescendants() - before).toFixed(2)} CPU-seconds in 5 s`);
  };
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await over5s('idle page, unslowed');
  await throttle(cdp, CPU_SLOWDOWN);
  await over5s(`idle page, slowed ${CPU_SLOWDOWN}×`);
  await throttle(cdp, 1);
  await over5s('idle page, unslowed again');
} finally {
  await browser.close();
}
