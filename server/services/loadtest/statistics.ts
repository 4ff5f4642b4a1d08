// Percentiles and averages of one level's samples. Percentiles interpolate linearly between the
// closest ranks (d3-array's quantile: R-7, the same as NumPy's and Excel's PERCENTILE.INC), so a
// small level's p99 is an honest estimate between its two slowest answers rather than a jump.
import { mean, quantileSorted } from "d3-array";

export interface Distribution {
  avg: number | null;
  median: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  min: number | null;
  max: number | null;
}

/** `p` in 0-1 of values sorted ascending; null for no values. */
export function percentile(sorted: number[], p: number): number | null {
  return quantileSorted(sorted, p) ?? null;
}

export function average(values: readonly number[]): number | null {
  return mean(values) ?? null;
}

/** Rounded to `digits` decimals, keeping null. */
export function round(value: number | null, digits = 0): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => round(percentile(sorted, p));
  return {
    avg: round(average(values)),
    median: at(0.5),
    p90: at(0.9),
    p95: at(0.95),
    p99: at(0.99),
    min: sorted.length ? round(sorted[0]!) : null,
    max: sorted.length ? round(sorted[sorted.length - 1]!) : null,
  };
}
