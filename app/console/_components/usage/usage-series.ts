// The Usage page's charts, shaped from the report's series: one bar per bucket, stacked from some
// of its figures (requests by outcome, tokens in and out), and the sentence that tells a screen
// reader what the chart shows, since the drawing is one image to it.
import type { UsageFigures, UsageReport } from "@/server/schemas/usage";
import { formatBucket } from "./usage-format";

export interface StackedBar {
  figure: keyof UsageFigures;
  name: string;
  color: string;
}

export const requestBars: StackedBar[] = [
  { figure: "completed", name: "Completed", color: "#2563eb" },
  { figure: "failed", name: "Failed", color: "#dc2626" },
  { figure: "cancelled", name: "Cancelled", color: "#ca8a04" },
];

export const tokenBars: StackedBar[] = [
  { figure: "prompt_tokens", name: "Input", color: "#0891b2" },
  { figure: "completion_tokens", name: "Output", color: "#9333ea" },
];

/** One bucket: its start, its name on the axis, and one value per figure. */
export type BarRow = { bucket: string; label: string } & Partial<Record<keyof UsageFigures, number>>;

export function barRows(report: Pick<UsageReport, "series" | "granularity">, bars: StackedBar[]): BarRow[] {
  return report.series.map((point) => {
    const row: BarRow = { bucket: point.bucket, label: formatBucket(point.bucket, report.granularity, true) };
    for (const bar of bars) row[bar.figure] = point[bar.figure];
    return row;
  });
}

/** "Completed 120, Failed 3, Cancelled 0 in total; the most on Dec 3 (41)." */
export function seriesSummary(
  report: Pick<UsageReport, "series" | "granularity">,
  bars: StackedBar[],
  format: (value: number) => string,
): string {
  const sums = bars.map((bar) => ({
    bar,
    total: report.series.reduce((sum, point) => sum + point[bar.figure], 0),
  }));
  const stack = (point: UsageReport["series"][number]) =>
    bars.reduce((sum, bar) => sum + point[bar.figure], 0);
  const busiest = report.series.reduce<UsageReport["series"][number] | undefined>(
    (best, point) => (best === undefined || stack(point) > stack(best) ? point : best),
    undefined,
  );
  const totals = sums.map(({ bar, total }) => `${bar.name} ${format(total)}`).join(", ");
  if (!busiest || stack(busiest) === 0) return `${totals} in total.`;
  return `${totals} in total; the most on ${formatBucket(busiest.bucket, report.granularity)} (${format(stack(busiest))}).`;
}
