"use client";
// One bar chart of the Usage page (Recharts): a stacked bar per bucket of the report. The drawing
// is one image to assistive tech, described by a sentence of its figures (usage-series.ts); the
// table below the charts holds every figure.
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageReport } from "@/server/schemas/usage";
import { Card } from "../ui/card";
import { barRows, seriesSummary, type StackedBar } from "./usage-series";

export function UsageChart({
  title,
  description,
  report,
  bars,
  format,
  axisFormat,
}: {
  title: string;
  description: string;
  report: UsageReport;
  bars: StackedBar[];
  format: (value: number) => string;
  /** The y axis' ticks; `format` by default. */
  axisFormat?: (value: number) => string;
}) {
  const titleId = useId();
  const summaryId = useId();
  const rows = barRows(report, bars);
  return (
    <Card>
      <figure className="p-4" aria-labelledby={titleId}>
        <figcaption>
          <h3 id={titleId} className="text-sm font-semibold text-stone-900 dark:text-stone-100">
            {title}
          </h3>
          <p className="mt-0.5 text-xs text-stone-500 dark:text-stone-400">{description}</p>
        </figcaption>
        <div
          role="img"
          aria-label={title}
          aria-describedby={summaryId}
          className="mt-3 h-52 text-stone-500 dark:text-stone-400"
        >
          <BarChart
            responsive
            style={{ width: "100%", height: "100%" }}
            data={rows}
            margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
            // The chart is one image to assistive tech; its figures are in the summary below.
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="currentColor" strokeOpacity={0.2} vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.4}
              minTickGap={24}
            />
            <YAxis
              width={56}
              allowDecimals={false}
              tickFormatter={axisFormat ?? format}
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.4}
            />
            <Tooltip
              isAnimationActive={false}
              cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
              content={({ active, payload, label }) =>
                active && payload?.length ? (
                  <div className="rounded-md border border-stone-200 bg-white px-3 py-2 text-xs shadow-sm dark:border-stone-700 dark:bg-stone-900">
                    <p className="font-medium text-stone-900 dark:text-stone-100">{String(label)}</p>
                    {payload.map((item) => (
                      <p key={String(item.dataKey)} className="text-stone-600 dark:text-stone-300">
                        <span style={{ color: item.color }}>●</span> {item.name}:{" "}
                        {typeof item.value === "number" ? format(item.value) : "—"}
                      </p>
                    ))}
                  </div>
                ) : null
              }
            />
            {bars.map((bar) => (
              <Bar
                key={bar.figure}
                dataKey={bar.figure}
                name={bar.name}
                stackId="stack"
                fill={bar.color}
                isAnimationActive={false}
                maxBarSize={32}
              />
            ))}
          </BarChart>
        </div>
        <p id={summaryId} className="sr-only">
          {seriesSummary(report, bars, format)}
        </p>
        <div
          aria-hidden
          className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600 dark:text-stone-300"
        >
          {bars.map((bar) => (
            <span key={bar.figure} className="inline-flex items-center gap-1.5">
              <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: bar.color }} />
              {bar.name}
            </span>
          ))}
        </div>
      </figure>
    </Card>
  );
}
