// The dashboard's chart data, shaped from the telemetry samples polled since the page opened: one
// row per sample with a value per line, each line's latest value for the legend, and the one
// sentence that tells a screen reader what the chart shows. "All assistants" sums what adds up
// (throughput, errors) and keeps percentiles per assistant, since those cannot be combined.
import type { Telemetry, WindowStats } from "@/server/schemas/telemetry";

export interface Sample {
  /** When the server computed it (ms since the epoch). */
  at: number;
  telemetry: Telemetry;
}

/** Five minutes of samples at one every five seconds. */
export const MAX_SAMPLES = 60;

/** The samples with one more poll's telemetry, the oldest dropped beyond `max`. */
export function appendSample(samples: Sample[], telemetry: Telemetry, max = MAX_SAMPLES): Sample[] {
  return [...samples, { at: Date.parse(telemetry.generated_at), telemetry }].slice(-max);
}

export interface ChartSeries {
  name: string;
  color: string;
  /** The latest value, for the legend (the last row's, or null before the first sample). */
  latest: number | null;
  dashed?: boolean;
}

/** One sample: its time, and one value per series (`s0`, `s1`, ... in the order of `series`). */
export type ChartRow = { at: number } & Record<string, number | null>;

export const seriesKey = (index: number) => `s${index}`;

export const PALETTE = [
  "#ea580c",
  "#2563eb",
  "#059669",
  "#9333ea",
  "#db2777",
  "#ca8a04",
  "#0891b2",
  "#57534e",
];

/** A line to draw: its name, and how to read its value from one sample's telemetry. */
export type ChartLine = {
  name: string;
  pick: (telemetry: Telemetry) => number | null;
  color?: string;
  dashed?: boolean;
};

export function chartData(
  samples: Sample[],
  lines: ChartLine[],
): { rows: ChartRow[]; series: ChartSeries[] } {
  const rows = samples.map((sample) => {
    const row: ChartRow = { at: sample.at };
    lines.forEach((line, index) => {
      row[seriesKey(index)] = line.pick(sample.telemetry);
    });
    return row;
  });
  const last = samples.at(-1)?.telemetry;
  const series = lines.map((line, index) => ({
    name: line.name,
    color: line.color ?? PALETTE[index % PALETTE.length]!,
    dashed: line.dashed,
    latest: last ? line.pick(last) : null,
  }));
  return { rows, series };
}

export const NOTHING_YET = "No answers to draw yet.";

/** "Latest: p50 120 ms, p95 310 ms; SLA 2 s." */
export function chartSummary(
  series: ChartSeries[],
  format: (value: number) => string,
  reference: { value: number; label: string } | undefined,
): string {
  if (series.length === 0) return NOTHING_YET;
  const values = series.map(
    (item) => `${item.name} ${item.latest === null ? "no data" : format(item.latest)}`,
  );
  const target = reference ? `; ${reference.label} ${format(reference.value)}` : "";
  return `Latest: ${values.join(", ")}${target}.`;
}

/** One assistant's last minute in a sample; undefined when the sample does not list it. */
export const minuteOf = (telemetry: Telemetry, assistantId: string): WindowStats | undefined =>
  telemetry.assistants.find((assistant) => assistant.assistant_id === assistantId)?.windows["1m"];

/** The assistants with the most requests in the last 15 minutes, busiest first (idle ones left out). */
export function busiestAssistants(telemetry: Telemetry | undefined, max: number): Telemetry["assistants"] {
  return [...(telemetry?.assistants ?? [])]
    .filter((assistant) => assistant.windows["15m"].requests > 0)
    .sort((a, b) => b.windows["15m"].requests - a.windows["15m"].requests)
    .slice(0, max);
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const minutes = (telemetry: Telemetry) => telemetry.assistants.map((assistant) => assistant.windows["1m"]);

/** Completed answers per minute of every assistant together. */
export const totalThroughput = (telemetry: Telemetry): number =>
  sum(minutes(telemetry).map((stats) => stats.throughput_per_minute));

/** Failed answers over all answers of the last minute, every assistant together (0 without any). */
export function combinedErrorRate(telemetry: Telemetry): number {
  const requests = sum(minutes(telemetry).map((stats) => stats.requests));
  return requests > 0 ? sum(minutes(telemetry).map((stats) => stats.failed)) / requests : 0;
}
