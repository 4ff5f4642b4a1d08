// Number formats of the load test pages (the same as the exported Markdown report).
import type { ChartPoint, LoadTestReport, LoadTestStatus } from "@/server/schemas/loadtest";
import type { BadgeTone } from "../ui/badge";

export const NO_VALUE = "—";
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const formatMs = (value: number | null | undefined) =>
  value == null ? NO_VALUE : integer.format(value);
export const formatSeconds = (ms: number) => `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;
export const formatDecimal = (value: number | null | undefined, digits = 1) =>
  value == null ? NO_VALUE : value.toFixed(digits);
export const formatPercent = (value: number | null | undefined) =>
  value == null ? NO_VALUE : `${Number((value * 100).toFixed(1))}%`;

export const statusTones: Record<LoadTestStatus, BadgeTone> = {
  queued: "neutral",
  running: "brand",
  completed: "success",
  stopped: "warning",
  failed: "danger",
  interrupted: "danger",
};

/** A verdict cell: met, not met, or nothing to judge yet. */
export function verdictText(met: boolean | null | undefined): string {
  return met == null ? NO_VALUE : met ? "✅ met" : "❌ not met";
}

/** Series colours: one per compared run, readable on light and dark backgrounds. */
export const RUN_COLORS = ["#2563eb", "#d97706", "#059669", "#9333ea"];

/** A report chart in words, for assistive tech: "gpt-oss: 5 users 1.2 s, 10 users —; other: ...". */
export function reportChartSummary(
  runs: Pick<LoadTestReport["runs"][number], "id" | "name">[],
  points: ChartPoint[],
  format: (value: number) => string,
): string {
  const valueAt = (point: ChartPoint, runId: string) => {
    const value = point[runId];
    return typeof value === "number" ? format(value) : NO_VALUE;
  };
  return runs
    .map(
      (run) =>
        `${run.name}: ${points.map((point) => `${point.users} users ${valueAt(point, run.id)}`).join(", ")}`,
    )
    .join("; ");
}
