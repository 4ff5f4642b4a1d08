"use client";
// One chart of the report: a value by user level, one line per run, and optionally the SLA line
// (as the reference report draws it) where it does not flatten the lines (ui/target-line.ts);
// a target far above them is named under the title instead. The figures are in the tables beside
// it, so the drawing is one image to assistive tech, described by a one-line summary.
import { useId } from "react";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartPoint, LoadTestReport } from "@/server/schemas/loadtest";
import { Card } from "../ui/card";
import { targetPlacement } from "../ui/target-line";
import { NO_VALUE, reportChartSummary, RUN_COLORS } from "./loadtest-format";

export function ReportChart({
  title,
  report,
  points,
  format,
  sla,
  minTop = 0,
}: {
  title: string;
  report: LoadTestReport;
  points: ChartPoint[];
  format: (value: number) => string;
  /** The SLA line, in the chart's unit. */
  sla?: { value: number; label: string };
  /** The y axis reaches at least this high (so an all-zero series does not get an arbitrary scale). */
  minTop?: number;
}) {
  const titleId = useId();
  const summary = reportChartSummary(report.runs, points, format);
  const placement = sla
    ? targetPlacement(
        sla.value,
        points.flatMap((point) => report.runs.map((run) => point[run.id])),
      )
    : undefined;
  const slaNote = sla && placement === "above" ? `${sla.label}: above every value shown` : null;
  return (
    <Card>
      <figure className="p-4" aria-labelledby={titleId} data-testid="loadtest-chart">
        <figcaption>
          <h3 id={titleId} className="text-sm font-semibold text-stone-900 dark:text-stone-100">
            {title}
          </h3>
          {slaNote && (
            <p className="mt-0.5 text-xs text-stone-500 dark:text-stone-400">
              <span
                aria-hidden
                className="mr-1.5 inline-block h-0 w-3 border-t-2 border-dashed border-red-600 align-middle"
              />
              {slaNote}
            </p>
          )}
        </figcaption>
        <div
          role="img"
          aria-label={`${title}. ${summary}${sla ? `. ${slaNote ?? sla.label}` : ""}`}
          className="mt-3 h-56 text-stone-500 dark:text-stone-400"
        >
          <LineChart
            responsive
            style={{ width: "100%", height: "100%" }}
            data={points}
            margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="currentColor" strokeOpacity={0.2} vertical={false} />
            <XAxis
              dataKey="users"
              type="category"
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.4}
              label={{
                value: "Users",
                position: "insideBottomRight",
                offset: -2,
                fill: "currentColor",
                fontSize: 11,
              }}
            />
            <YAxis
              width={64}
              domain={[0, (dataMax: number) => Math.max(dataMax, minTop)]}
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
                    <p className="font-medium text-stone-900 dark:text-stone-100">{String(label)} users</p>
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
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {sla && placement === "line" && (
              <ReferenceLine
                y={sla.value}
                stroke="#dc2626"
                strokeDasharray="6 4"
                ifOverflow="extendDomain"
                label={{ value: sla.label, position: "insideTopRight", fill: "#dc2626", fontSize: 11 }}
              />
            )}
            {report.runs.map((run, index) => (
              <Line
                key={run.id}
                dataKey={run.id}
                name={run.name}
                stroke={RUN_COLORS[index % RUN_COLORS.length]}
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
                connectNulls={false}
                type="linear"
              />
            ))}
          </LineChart>
        </div>
      </figure>
    </Card>
  );
}
