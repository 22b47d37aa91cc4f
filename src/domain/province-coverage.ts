// The province view: communes side by side from the server's aggregates, numbers only (no
// names, no hamlet split), in the same table and file shapes as a commune's report.
import * as z from 'zod/mini';
import { formatCoverage, formatTarget, formatVerdict } from './format-vi';
import { REPORT_COLUMNS } from './report';

const IndicatorFigures = z.object({
  id: z.string(),
  name: z.string(),
  n: z.number(),
  N: z.number(),
  percent: z.nullable(z.number()),
  target: z.nullable(z.number()),
  met: z.nullable(z.boolean()),
});
export type IndicatorFigures = z.infer<typeof IndicatorFigures>;

export const ProvinceCoverage = z.object({
  province: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  communes: z.array(z.object({ code: z.string(), name: z.string(), households: z.number(), indicators: z.array(IndicatorFigures) })),
  serverTime: z.string(),
});
export type ProvinceCoverage = z.infer<typeof ProvinceCoverage>;

/** One row per commune and indicator: Xã | STT | Chỉ tiêu | Mục tiêu | Kết quả | Đánh giá. */
export function provinceRows(report: ProvinceCoverage): string[][] {
  const header = ['Xã', ...REPORT_COLUMNS];
  const rows = report.communes.flatMap((commune) =>
    commune.indicators.map((i, index) => [commune.name, String(index + 1), i.name, formatTarget(i.target), formatCoverage(i), formatVerdict(i.met)]),
  );
  return [header, ...rows];
}
