"use client";
// The dashboard's history: the totals of the buckets shown, the zoom, and six charts of the
// server's series (requests by outcome, error rate, response time against the SLA, time to first
// token, SLA compliance, tokens), for one assistant or backend or for all of them.
import { useState } from "react";
import type { TelemetrySeries } from "@/server/schemas/telemetry";
import { Card } from "../ui/card";
import { formatCount, formatMs, formatShare, NO_VALUE } from "./format-metrics";
import { HistoryChart } from "./history-chart";
import {
  describeCounts,
  describeLevels,
  rowOf,
  seriesTotals,
  zoomIndexes,
  type ChartPart,
  type SeriesRow,
  type Zoom,
} from "./series-data";
import { bucketName, formatMoment } from "./series-format";
import { ZoomStrip } from "./zoom-strip";

const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
const formatTokens = (value: number) => compact.format(value);

const COLORS = {
  completed: "#059669",
  failed: "#dc2626",
  cancelled: "#a8a29e",
  p50: "#2563eb",
  p95: "#ea580c",
  prompt: "#9333ea",
  completion: "#0891b2",
};

const outcomes: ChartPart[] = [
  { figure: "completed", name: "Completed", color: COLORS.completed },
  { figure: "failed", name: "Failed", color: COLORS.failed },
  { figure: "cancelled", name: "Cancelled", color: COLORS.cancelled },
];
const errorRate: ChartPart[] = [{ figure: "error_rate", name: "Error rate", color: COLORS.failed }];
const responseTime: ChartPart[] = [
  { figure: "response_p50", name: "p50", color: COLORS.p50 },
  { figure: "response_p95", name: "p95", color: COLORS.p95 },
];
const ttft: ChartPart[] = [
  { figure: "ttft_p50", name: "p50", color: COLORS.p50 },
  { figure: "ttft_p95", name: "p95", color: COLORS.p95 },
];
const compliance: ChartPart[] = [{ figure: "sla_compliance", name: "Within SLA", color: COLORS.completed }];
const tokens: ChartPart[] = [
  { figure: "prompt_tokens", name: "Input", color: COLORS.prompt },
  { figure: "completion_tokens", name: "Output", color: COLORS.completion },
];

function Totals({ series, rows }: { series: TelemetrySeries; rows: SeriesRow[] }) {
  const shown = new Set(rows.map((row) => row.at));
  const totals = seriesTotals(series.buckets.filter((bucket) => shown.has(Date.parse(bucket.start))));
  const figures = [
    { label: "Requests", value: formatCount(totals.requests) },
    { label: "Error rate", value: totals.error_rate === null ? NO_VALUE : formatShare(totals.error_rate) },
    {
      label: "Within SLA",
      value: totals.sla_compliance === null ? NO_VALUE : formatShare(totals.sla_compliance),
    },
    { label: "Tokens", value: formatTokens(totals.tokens) },
  ];
  return (
    <Card>
      <dl
        data-testid="history-totals"
        className="grid grid-cols-2 divide-stone-200 sm:grid-cols-4 sm:divide-x dark:divide-stone-800"
      >
        {figures.map((figure) => (
          <div key={figure.label} className="px-4 py-3">
            <dt className="text-xs text-stone-500 dark:text-stone-400">{figure.label}</dt>
            <dd className="mt-0.5 text-lg font-semibold text-stone-900 tabular-nums dark:text-stone-50">
              {figure.value}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

export function HistoryCharts({ series, subject }: { series: TelemetrySeries; subject: string }) {
  const [zoom, setZoom] = useState<Zoom>(null);
  const all = series.buckets.map(rowOf);
  const { startIndex, endIndex } = zoomIndexes(all, zoom);
  const rows = all.slice(startIndex, endIndex + 1);
  const per = `per ${bucketName(series.range)}`;
  const common = { subject, rows, range: series.range, bucketSeconds: series.bucket_seconds };
  const counts = (parts: ChartPart[], format: (value: number) => string) =>
    describeCounts(rows, parts, format, formatMoment);
  const levels = (parts: ChartPart[], format: (value: number) => string) =>
    describeLevels(rows, parts, format, formatMoment);
  return (
    <div className="space-y-4">
      <Totals series={series} rows={rows} />
      <ZoomStrip rows={all} range={series.range} zoom={zoom} onZoom={setZoom} />
      <div className="grid gap-4 lg:grid-cols-2">
        <HistoryChart
          {...common}
          title="Requests"
          description={`Answers finished ${per}, by outcome.`}
          kind="counts"
          parts={outcomes}
          format={formatCount}
          summary={counts(outcomes, formatCount)}
        />
        <HistoryChart
          {...common}
          title="Error rate"
          description={`Failed answers as a share of all answers, ${per}.`}
          kind="shares"
          parts={errorRate}
          format={formatShare}
          summary={levels(errorRate, formatShare)}
        />
        <HistoryChart
          {...common}
          title="Response time"
          description={
            series.sla_avg_ms === null
              ? `Whole answer time of completed answers, ${per}.`
              : `Whole answer time of completed answers, ${per}, against the assistant's SLA.`
          }
          kind="durations"
          parts={responseTime}
          format={formatMs}
          summary={levels(responseTime, formatMs)}
          target={series.sla_avg_ms === null ? undefined : { value: series.sla_avg_ms, label: "SLA" }}
        />
        <HistoryChart
          {...common}
          title="Time to first token"
          description={`How long until the answer starts, ${per}.`}
          kind="durations"
          parts={ttft}
          format={formatMs}
          summary={levels(ttft, formatMs)}
        />
        <HistoryChart
          {...common}
          title="SLA compliance"
          description={`Completed answers within their assistant's SLA, ${per}.`}
          kind="shares"
          parts={compliance}
          format={formatShare}
          summary={levels(compliance, formatShare)}
        />
        <HistoryChart
          {...common}
          title="Tokens"
          description={`Input and output tokens ${per}.`}
          kind="counts"
          parts={tokens}
          format={formatTokens}
          summary={counts(tokens, formatTokens)}
        />
      </div>
    </div>
  );
}
