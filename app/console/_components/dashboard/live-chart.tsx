"use client";
// One live line chart of the dashboard (Recharts). The drawing is an image to assistive tech (a
// named role="img"); the latest value of each line, printed under it as the legend, is its
// description, so a screen reader hears the figures a sighted user reads off the chart.
import { useId } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "../ui/card";
import { chartSummary, NOTHING_YET, seriesKey, type ChartRow, type ChartSeries } from "./chart-data";
import { formatClock, NO_VALUE } from "./format-metrics";

export function LiveChart({
  title,
  subject,
  description,
  series,
  rows,
  format,
  reference,
}: {
  title: string;
  /** Whose figures these are ("support", "all assistants", "by backend"): part of the name. */
  subject: string;
  description: string;
  series: ChartSeries[];
  rows: ChartRow[];
  format: (value: number) => string;
  /** A horizontal target line, such as the assistant's SLA. */
  reference?: { value: number; label: string };
}) {
  const summaryId = useId();
  const titleId = useId();
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
          className="mt-3 h-44 text-stone-500 dark:text-stone-400"
        >
          <LineChart
            responsive
            style={{ width: "100%", height: "100%" }}
            data={rows}
            margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
            // The chart is one image to assistive tech; its figures are in the summary below.
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="currentColor" strokeOpacity={0.2} vertical={false} />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              tickFormatter={formatClock}
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.4}
              minTickGap={48}
            />
            <YAxis
              width={60}
              domain={[0, "auto"]}
              tickFormatter={format}
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.4}
            />
            <Tooltip
              isAnimationActive={false}
              content={({ active, payload, label }) =>
                active && payload?.length ? (
                  <div className="rounded-md border border-stone-200 bg-white px-3 py-2 text-xs shadow-sm dark:border-stone-700 dark:bg-stone-900">
                    <p className="font-medium text-stone-900 dark:text-stone-100">
                      {formatClock(Number(label))}
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
            {reference && (
              <ReferenceLine
                y={reference.value}
                stroke="#dc2626"
                strokeDasharray="6 4"
                ifOverflow="extendDomain"
              />
            )}
            {series.map((item, index) => (
              <Line
                key={seriesKey(index)}
                dataKey={seriesKey(index)}
                name={item.name}
                stroke={item.color}
                strokeWidth={2}
                strokeDasharray={item.dashed ? "4 3" : undefined}
                dot={rows.length <= 1 ? { r: 3 } : false}
                isAnimationActive={false}
                connectNulls={false}
                type="monotone"
              />
            ))}
          </LineChart>
        </div>
        {/* One plain sentence for screen readers; the visual legend below repeats it. */}
        <p id={summaryId} className="sr-only">
          {chartSummary(series, format, reference)}
        </p>
        <div
          aria-hidden
          className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600 dark:text-stone-300"
        >
          {series.length === 0 && <span>{NOTHING_YET}</span>}
          {series.map((item, index) => (
            <span key={index} className="inline-flex items-center gap-1.5">
              <span className="inline-block h-0.5 w-3" style={{ backgroundColor: item.color }} />
              {item.name}
              <span className="font-medium text-stone-900 tabular-nums dark:text-stone-100">
                {item.latest === null ? NO_VALUE : format(item.latest)}
              </span>
            </span>
          ))}
          {reference && (
            <span className="inline-flex items-center gap-1.5">
              <span className="inline-block h-0 w-3 border-t-2 border-dashed border-red-600" />
              {reference.label}
              <span className="font-medium text-stone-900 tabular-nums dark:text-stone-100">
                {format(reference.value)}
              </span>
            </span>
          )}
        </div>
      </figure>
    </Card>
  );
}
