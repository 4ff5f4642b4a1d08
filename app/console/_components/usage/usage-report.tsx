"use client";
// One usage report on screen: the totals, the charts of its buckets, and its rows, each row a link
// one level down (usage-query.ts's drillDown). Cost appears only when some usage had a price.
import Link from "next/link";
import type { MouseEvent } from "react";
import type { UsageFigures, UsageGroup, UsageReport, UsageRow } from "@/server/schemas/usage";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { TableHead, type Column } from "../ui/data-table";
import { footerClass, tbodyClass, tdClass } from "../ui/table-styles";
import { UsageChart } from "./usage-chart";
import {
  formatCompact,
  formatCount,
  formatGpuTime,
  formatUsd,
  groupLabels,
  groupNouns,
  rowLabel,
} from "./usage-format";
import { drillDown, nameKey, usageHref, type UsageView } from "./usage-query";
import { requestBars, tokenBars } from "./usage-series";

const num = "text-right tabular-nums";

const granularityNotes: Record<UsageReport["granularity"], string> = {
  day: "Per day (UTC).",
  hour: "Per hour.",
  minute: "Per minute.",
};

export function UsageReportView({
  report,
  view,
  names,
  stale,
  onDrill,
}: {
  report: UsageReport;
  view: UsageView;
  names: Map<string, string>;
  /** The previous view's report, shown while this view's loads: its rows lead nowhere yet. */
  stale: boolean;
  /** Opens a row's view (a new history entry, so Back returns here). */
  onDrill: (view: UsageView) => void;
}) {
  const note = granularityNotes[report.granularity];
  // Rows drill down from the view they were grouped by.
  const shown = stale ? null : { ...view, group_by: report.group_by };
  return (
    <div className={cn("space-y-6 transition-opacity", stale && "opacity-60")} aria-busy={stale || undefined}>
      <Totals totals={report.totals} priced={report.priced} />
      <div className="grid gap-4 lg:grid-cols-2">
        <UsageChart
          title="Requests"
          description={`${note} Exchanges answered, by outcome.`}
          report={report}
          bars={requestBars}
          format={formatCount}
          axisFormat={formatCompact}
        />
        <UsageChart
          title="Tokens"
          description={`${note} Input (prompt) and output tokens, reasoning included.`}
          report={report}
          bars={tokenBars}
          format={formatCount}
          axisFormat={formatCompact}
        />
      </div>
      <RowsTable report={report} view={shown} names={names} onDrill={onDrill} />
    </div>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-xs dark:border-stone-800 dark:bg-stone-900">
      <dt className="text-xs font-medium text-stone-500 dark:text-stone-400">{label}</dt>
      <dd className="mt-1 text-xl font-semibold text-stone-900 tabular-nums dark:text-stone-50">{value}</dd>
      {note && <dd className="mt-0.5 text-xs text-stone-500 dark:text-stone-400">{note}</dd>}
    </div>
  );
}

function Totals({ totals, priced }: { totals: UsageFigures; priced: boolean }) {
  return (
    <section aria-labelledby="usage-totals">
      <h2 id="usage-totals" className="sr-only">
        Totals
      </h2>
      <dl className={cn("grid gap-4 sm:grid-cols-2", priced ? "lg:grid-cols-5" : "lg:grid-cols-4")}>
        <Figure
          label="Requests"
          value={formatCount(totals.requests)}
          note={`${formatCount(totals.failed)} failed · ${formatCount(totals.cancelled)} cancelled`}
        />
        <Figure label="Input tokens" value={formatCount(totals.prompt_tokens)} />
        <Figure
          label="Output tokens"
          value={formatCount(totals.completion_tokens)}
          note={`${formatCount(totals.reasoning_tokens)} reasoning`}
        />
        <Figure label="GPU time" value={formatGpuTime(totals.gpu_seconds)} note="Time on the backends" />
        {priced && <Figure label="Cost" value={formatUsd(totals.cost)} note="From the backends' prices" />}
      </dl>
      {!priced && (
        <p className="mt-2 text-xs text-stone-500 dark:text-stone-400">
          No cost: none of this usage had a price. Set prices per backend on the{" "}
          <Link href="/console/backends" className="font-medium text-brand-700 underline dark:text-brand-500">
            Backends
          </Link>{" "}
          page; they apply to answers from then on.
        </p>
      )}
    </section>
  );
}

function RowsTable({
  report,
  view,
  names,
  onDrill,
}: {
  report: UsageReport;
  /** Null while the report is stale. */
  view: UsageView | null;
  names: Map<string, string>;
  onDrill: (view: UsageView) => void;
}) {
  const group = groupLabels[report.group_by];
  const columns: Column[] = [
    { label: group },
    { label: "Requests", className: num },
    { label: "Failed", className: num },
    { label: "Cancelled", className: num },
    { label: "Input tokens", className: num },
    { label: "Output tokens", className: num },
    { label: "Reasoning tokens", className: num },
    { label: "GPU time", className: num },
    ...(report.priced ? [{ label: "Cost", className: num }] : []),
  ];
  return (
    <Card>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Usage by {groupNouns[report.group_by]}</caption>
          <TableHead columns={columns} />
          <tbody className={tbodyClass}>
            {report.rows.map((row) => (
              <tr key={`${row.key}\u0000${row.assistant_id ?? ""}`}>
                <th scope="row" className={cn(tdClass, "font-medium text-stone-900 dark:text-stone-100")}>
                  <RowName row={row} group={report.group_by} view={view} names={names} onDrill={onDrill} />
                </th>
                <td className={cn(tdClass, num)}>{formatCount(row.requests)}</td>
                <td className={cn(tdClass, num, row.failed > 0 && "text-red-700 dark:text-red-400")}>
                  {formatCount(row.failed)}
                </td>
                <td className={cn(tdClass, num)}>{formatCount(row.cancelled)}</td>
                <td className={cn(tdClass, num)}>{formatCount(row.prompt_tokens)}</td>
                <td className={cn(tdClass, num)}>{formatCount(row.completion_tokens)}</td>
                <td className={cn(tdClass, num)}>{formatCount(row.reasoning_tokens)}</td>
                <td className={cn(tdClass, num)}>{formatGpuTime(row.gpu_seconds)}</td>
                {report.priced && <td className={cn(tdClass, num)}>{formatUsd(row.cost)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className={footerClass}>
        {report.rows_truncated
          ? `The ${formatCount(report.rows.length)} groups with the most requests (the totals count them all)`
          : `${report.rows.length} ${report.rows.length === 1 ? "row" : "rows"}`}
        {view &&
          report.rows.some((row) => drillDown(view, row)) &&
          " · open a row to see its usage one level down"}
      </p>
    </Card>
  );
}

const plainClick = (event: MouseEvent) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

function RowName({
  row,
  group,
  view,
  names,
  onDrill,
}: {
  row: UsageRow;
  group: UsageGroup;
  view: UsageView | null;
  names: Map<string, string>;
  onDrill: (view: UsageView) => void;
}) {
  const label = rowLabel(group, row);
  const next = view && drillDown(view, row);
  // An end user belongs to one assistant: say which.
  const owner =
    group === "user" && row.assistant_id
      ? (names.get(nameKey("assistant_id", row.assistant_id)) ?? row.assistant_id)
      : null;
  const href = next && usageHref(next);
  return (
    <>
      {next && href ? (
        <a
          href={href}
          onClick={(event) => {
            if (!plainClick(event)) return;
            event.preventDefault();
            onDrill(next);
          }}
          className="text-brand-700 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-brand-500"
        >
          {label}
          <span className="sr-only">, usage by {groupNouns[next.group_by]}</span>
        </a>
      ) : (
        label
      )}
      {owner && <span className="block text-xs font-normal text-stone-500 dark:text-stone-400">{owner}</span>}
    </>
  );
}
