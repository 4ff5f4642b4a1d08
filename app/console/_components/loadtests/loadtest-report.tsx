"use client";
// The report of one run or of runs side by side, as the reference performance report lays it
// out: the comparative results table, the SLA compliance table, and four charts (average and
// median response time by users with the SLA line, error rate by users, throughput by users).
import type { ComparativeRow, LoadTestReport } from "@/server/schemas/loadtest";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { tbodyClass, tdClass, thClass, theadClass } from "../ui/table-styles";
import { formatDecimal, formatMs, formatPercent, formatSeconds, verdictText } from "./loadtest-format";
import { ReportChart } from "./report-chart";

type Column = { title: string; cell: (row: ComparativeRow) => string; numeric?: boolean };

const columns: Column[] = [
  { title: "Model", cell: (row) => row.name },
  { title: "Users", cell: (row) => String(row.users), numeric: true },
  { title: "Avg (ms)", cell: (row) => formatMs(row.avg_ms), numeric: true },
  { title: "Median (ms)", cell: (row) => formatMs(row.median_ms), numeric: true },
  { title: "%90 (ms)", cell: (row) => formatMs(row.p90_ms), numeric: true },
  { title: "%95 (ms)", cell: (row) => formatMs(row.p95_ms), numeric: true },
  { title: "%99 (ms)", cell: (row) => formatMs(row.p99_ms), numeric: true },
  { title: "Error rate", cell: (row) => formatPercent(row.error_rate), numeric: true },
  { title: "Throughput (/min)", cell: (row) => formatDecimal(row.throughput_per_min), numeric: true },
  {
    title: "SLA",
    cell: (row) => verdictText(row.sla_met) + (row.status === "completed" ? "" : ` (${row.status})`),
  },
  { title: "Requests", cell: (row) => String(row.requests), numeric: true },
  { title: "TTFT avg (ms)", cell: (row) => formatMs(row.ttft_avg_ms), numeric: true },
  { title: "TTFT %95 (ms)", cell: (row) => formatMs(row.ttft_p95_ms), numeric: true },
  { title: "Tokens/s (answer)", cell: (row) => formatDecimal(row.tokens_per_second), numeric: true },
  { title: "Tokens/s (total)", cell: (row) => formatDecimal(row.output_tokens_per_second), numeric: true },
  { title: "Goodput", cell: (row) => formatPercent(row.goodput), numeric: true },
  { title: "4xx", cell: (row) => String(row.errors_client_error), numeric: true },
  { title: "429", cell: (row) => String(row.errors_rate_limited), numeric: true },
  { title: "5xx", cell: (row) => String(row.errors_server_error), numeric: true },
  { title: "Timeout", cell: (row) => String(row.errors_timeout), numeric: true },
  { title: "Cut stream", cell: (row) => String(row.errors_cut_stream), numeric: true },
  { title: "Network", cell: (row) => String(row.errors_network), numeric: true },
];

function ComparativeTable({ report }: { report: LoadTestReport }) {
  const slaLabels = [...new Set(report.runs.map((run) => run.sla_label))].join(" / ");
  return (
    <Card>
      <h2 className="px-4 pt-4 text-base font-semibold text-stone-900 dark:text-stone-100">
        Comparative results
      </h2>
      {/* Wide: it scrolls sideways, so keyboard users can focus it and scroll with the arrows. */}
      <div
        className="mt-3 overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600"
        tabIndex={0}
        role="region"
        aria-label="Comparative results, scrollable"
      >
        <table className="w-full text-left text-sm" data-testid="comparative-results">
          <caption className="sr-only">Comparative results by model and users</caption>
          <thead className={theadClass}>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.title}
                  scope="col"
                  className={`${thClass} whitespace-nowrap ${column.numeric ? "text-right" : ""}`}
                >
                  {column.title === "SLA" ? `SLA (${slaLabels})` : column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={tbodyClass}>
            {report.comparative_results.length === 0 && (
              <tr>
                <td colSpan={columns.length} className={`${tdClass} text-stone-500 dark:text-stone-400`}>
                  No level has results yet.
                </td>
              </tr>
            )}
            {report.comparative_results.map((row) => (
              <tr key={`${row.run_id}-${row.users}`}>
                {columns.map((column) => (
                  <td
                    key={column.title}
                    className={`${tdClass} whitespace-nowrap text-stone-800 tabular-nums dark:text-stone-200 ${column.numeric ? "text-right" : ""}`}
                  >
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function SlaComplianceTable({ report }: { report: LoadTestReport }) {
  const { user_levels: levels, rows } = report.sla_compliance;
  return (
    <Card>
      <h2 className="px-4 pt-4 text-base font-semibold text-stone-900 dark:text-stone-100">
        SLA compliance ({report.runs[0]?.sla_label})
      </h2>
      <div
        className="mt-3 overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600"
        tabIndex={0}
        role="region"
        aria-label="SLA compliance, scrollable"
      >
        <table className="w-full text-left text-sm" data-testid="sla-compliance">
          <caption className="sr-only">SLA compliance by users</caption>
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={thClass}>
                Model
              </th>
              {levels.map((users) => (
                <th key={users} scope="col" className={thClass}>
                  {users} users
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={tbodyClass}>
            {rows.map((row) => (
              <tr key={row.run_id}>
                <th scope="row" className={`${tdClass} font-medium text-stone-900 dark:text-stone-100`}>
                  {row.name}
                </th>
                {row.levels.map((met, index) => (
                  <td key={levels[index]} className={`${tdClass} text-stone-800 dark:text-stone-200`}>
                    {verdictText(met)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function Verdicts({ report }: { report: LoadTestReport }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2" data-testid="loadtest-verdicts">
      {report.runs.map((run) => (
        <Card key={run.id} className="p-4">
          <p className="text-sm text-stone-500 dark:text-stone-400">{run.name}</p>
          <p className="mt-1 text-lg font-semibold text-stone-900 dark:text-stone-50">
            {run.max_users_within_sla === null
              ? "No user level within the SLA"
              : `Within the SLA up to ${run.max_users_within_sla} users`}
          </p>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-stone-600 dark:text-stone-300">
            {run.simulator && <Badge tone="warning">vLLM simulator</Badge>}
            <span>Served by {run.served_by}</span>
          </p>
        </Card>
      ))}
    </div>
  );
}

export function LoadTestReportView({ report }: { report: LoadTestReport }) {
  const sla = report.charts.sla_avg_ms;
  const seconds = (ms: number) => formatSeconds(ms);
  const slaLine = { value: sla, label: `SLA ${formatSeconds(sla)}` };
  return (
    <div className="space-y-4">
      <Verdicts report={report} />
      {report.runs.some((run) => run.simulator) && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Served by Hearth&apos;s vLLM simulator, a test double used without a GPU: these figures measure
          Hearth&apos;s own path over the simulator&apos;s latency model, not a real model.
        </p>
      )}
      <ComparativeTable report={report} />
      <SlaComplianceTable report={report} />
      <div className="grid gap-4 lg:grid-cols-2">
        <ReportChart
          title="Average response time by users"
          report={report}
          points={report.charts.average_ms}
          format={seconds}
          sla={slaLine}
        />
        <ReportChart
          title="Median response time by users"
          report={report}
          points={report.charts.median_ms}
          format={seconds}
          sla={slaLine}
        />
        <ReportChart
          title="Error rate by users"
          report={report}
          points={report.charts.error_rate}
          minTop={0.1}
          format={(value) => formatPercent(value)}
        />
        <ReportChart
          title="Throughput by users"
          report={report}
          points={report.charts.throughput_per_min}
          format={(value) => `${formatDecimal(value)}/min`}
        />
      </div>
    </div>
  );
}
