"use client";
// One chart of the dashboard's history (Recharts), one bar or point per bucket: counts as stacked
// bars, shares on a fixed 0-100 % axis, durations as lines on an axis fitted to the data, with a
// target line only where it does not flatten them (ui/target-line.ts). The charts share a syncId,
// so hovering one shows the same bucket in all. The drawing is one image to assistive tech,
// described by a sentence of its figures; the legend under it repeats them for sighted users.
import { useId } from "react";
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesRange } from "@/server/schemas/telemetry";
import { Card } from "../ui/card";
import { targetPlacement } from "../ui/target-line";
import { NO_VALUE } from "./format-metrics";
import type { ChartPart, SeriesRow } from "./series-data";
import { formatBucket, formatTick } from "./series-format";

export type ChartKind = "counts" | "shares" | "durations";

const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];
const TARGET_COLOR = "#dc2626";

function yAxisProps(kind: ChartKind) {
  switch (kind) {
    case "counts":
      // At least 0-1, so a range without answers does not get an arbitrary scale.
      return { domain: [0, (dataMax: number) => Math.max(dataMax, 1)], allowDecimals: false } as const;
    case "shares":
      return { domain: [0, 1], ticks: SHARE_TICKS, allowDataOverflow: true } as const;
    case "durations":
      return { domain: [0, "auto"] } as const;
  }
}

export function HistoryChart({
  title,
  subject,
  description,
  kind,
  parts,
  rows,
  range,
  bucketSeconds,
  format,
  summary,
  target,
}: {
  title: string;
  /** Whose figures these are ("all assistants", "support"): part of the name. */
  subject: string;
  description: string;
  kind: ChartKind;
  parts: ChartPart[];
  /** The buckets shown (the zoomed part of the range). */
  rows: SeriesRow[];
  range: SeriesRange;
  bucketSeconds: number;
  format: (value: number) => string;
  /** One sentence of what the chart shows, for screen readers (series-data.ts). */
  summary: string;
  /** A target such as the assistant's SLA, in the chart's unit. */
  target?: { value: number; label: string };
}) {
  const titleId = useId();
  const summaryId = useId();
  const placement = target
    ? targetPlacement(
        target.value,
        rows.flatMap((row) => parts.map((part) => row[part.figure])),
      )
    : undefined;
  const targetNote =
    target && placement === "above"
      ? `${target.label} ${format(target.value)}, above every value shown`
      : null;
  return (
    <Card>
      <figure className="p-4" aria-labelledby={titleId}>
        <figcaption>
          <h3 id={titleId} className="text-sm font-semibold text-stone-900 dark:text-stone-100">
            {title} <span className="font-normal text-stone-500 dark:text-stone-400">· {subject}</span>
          </h3>
          <p className="mt-0.5 text-xs text-stone-500 dark:text-stone-400">{description}</p>
        </figcaption>
        <div
          role="img"
          aria-label={`${title}, ${subject}`}
          aria-describedby={summaryId}
          className="mt-3 h-48 text-stone-500 dark:text-stone-400"
        >
          <ComposedChart
            responsive
            style={{ width: "100%", height: "100%" }}
            data={rows}
            syncId="dashboard-history"
            margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
            barCategoryGap={1}
            // The chart is one image to assistive tech; its figures are in the summary below.
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="currentColor" strokeOpacity={0.2} vertical={false} />
            <XAxis
              dataKey="at"
              type="category"
              tickFormatter={(at: number) => formatTick(at, range)}
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.4}
              minTickGap={40}
              interval="preserveStartEnd"
            />
            <YAxis
              width={60}
              tickFormatter={format}
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.4}
              {...yAxisProps(kind)}
            />
            <Tooltip
              isAnimationActive={false}
              cursor={{ fill: "currentColor", fillOpacity: 0.08, stroke: "currentColor", strokeOpacity: 0.3 }}
              content={({ active, payload, label }) =>
                active && payload?.length ? (
                  <div className="rounded-md border border-stone-200 bg-white px-3 py-2 text-xs shadow-sm dark:border-stone-700 dark:bg-stone-900">
                    <p className="font-medium text-stone-900 dark:text-stone-100">
                      {formatBucket(Number(label), bucketSeconds)}
                    </p>
                    {payload.map((item) => (
                      <p key={String(item.dataKey)} className="text-stone-600 dark:text-stone-300">
                        <span style={{ color: item.color }}>●</span> {item.name}:{" "}
                        {typeof item.value === "number" ? format(item.value) : NO_VALUE}
                      </p>
                    ))}
                  </div>
                ) : null
              }
            />
            {target && placement === "line" && (
              <ReferenceLine
                y={target.value}
                stroke={TARGET_COLOR}
                strokeDasharray="6 4"
                ifOverflow="extendDomain"
              />
            )}
            {parts.map((part) =>
              kind === "counts" ? (
                <Bar
                  key={part.figure}
                  dataKey={part.figure}
                  name={part.name}
                  stackId="counts"
                  fill={part.color}
                  isAnimationActive={false}
                  maxBarSize={24}
                />
              ) : (
                <Line
                  key={part.figure}
                  dataKey={part.figure}
                  name={part.name}
                  stroke={part.color}
                  strokeWidth={2}
                  // A bucket between empty ones is a point of its own, not a line.
                  dot={{ r: 2, strokeWidth: 0, fill: part.color }}
                  activeDot={{ r: 4 }}
                  isAnimationActive={false}
                  connectNulls={false}
                  type="linear"
                />
              ),
            )}
          </ComposedChart>
        </div>
        <p id={summaryId} className="sr-only">
          {summary}
          {target &&
            ` ${target.label} ${format(target.value)}${placement === "above" ? ", above every value shown" : ""}.`}
        </p>
        <div
          aria-hidden
          className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600 dark:text-stone-300"
        >
          {parts.map((part) => (
            <span key={part.figure} className="inline-flex items-center gap-1.5">
              <span
                className={kind === "counts" ? "inline-block size-2.5 rounded-sm" : "inline-block h-0.5 w-3"}
                style={{ backgroundColor: part.color }}
              />
              {part.name}
            </span>
          ))}
          {target && (
            <span className="inline-flex items-center gap-1.5">
              <span className="inline-block h-0 w-3 border-t-2 border-dashed border-red-600" />
              {targetNote ?? `${target.label} ${format(target.value)}`}
            </span>
          )}
        </div>
      </figure>
    </Card>
  );
}
