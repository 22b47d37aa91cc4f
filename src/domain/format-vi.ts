// Numbers as Vietnamese reports write them: "." groups thousands, "," is the decimal mark,
// e.g. "12.447/19.958, đạt 62,37%".
import type { Coverage } from './coverage';

const integerFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export function formatInteger(n: number): string {
  return integerFormat.format(n);
}

/** A percent value (62.3712 → "62,37%"), trailing zeros dropped as the reports do ("94,4%"). */
export function formatPercent(percent: number): string {
  return `${percentFormat.format(percent)}%`;
}

export function formatRatio(n: number, N: number): string {
  return `${formatInteger(n)}/${formatInteger(N)}`;
}

/** "12.447/19.958, đạt 62,37%", or "0/0" while nobody is counted. */
export function formatCoverage(c: Pick<Coverage, 'n' | 'N' | 'percent'>): string {
  const ratio = formatRatio(c.n, c.N);
  if (c.percent === null) return ratio;
  // Rounding must not print "100%" while someone is still missing (19.957/19.958).
  const shown = c.n < c.N ? Math.min(c.percent, 99.99) : c.percent;
  return `${ratio}, đạt ${formatPercent(shown)}`;
}

export function formatVerdict(met: boolean | null): string {
  if (met === null) return '—';
  return met ? 'Đạt' : 'Chưa đạt';
}

export function formatTarget(target: number | null): string {
  return target === null ? 'Chưa đặt' : formatPercent(target);
}

const byteUnits = ['B', 'KB', 'MB', 'GB'] as const;

/** Storage sizes for people, not engineers: "1,5 MB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(value)} ${byteUnits[unit]}`;
}
