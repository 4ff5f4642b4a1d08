// Markdown export: the reference report's two tables and four charts (as Mermaid xychart
// diagrams, which GitHub and most Markdown viewers draw), with what served the requests.
import type { ChartPoint, LoadTestReport } from "../../../schemas/loadtest";
import { comparativeColumns, verdict } from "./columns";

const escapeCell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

function describeLoad(run: LoadTestReport["runs"][number]): string {
  const s = run.scenario;
  const amount =
    s.duration_seconds !== null
      ? `${s.duration_seconds} s per level`
      : `${s.requests_per_user} requests per user`;
  return `${s.user_levels.join(", ")} users; ${amount}; ramp-up ${s.ramp_up_seconds} s; think time ${s.think_time_ms} ms; ${s.prompts.count} ${s.prompts.source} prompts`;
}

function chart(
  title: string,
  yAxis: string,
  report: LoadTestReport,
  points: ChartPoint[],
  scale: (value: number) => number,
  slaLine?: number,
): string {
  const levels = report.charts.user_levels;
  const complete = report.runs.filter((run) => points.every((point) => point[run.id] != null));
  if (complete.length === 0 || levels.length === 0) return `_${title}: no complete series to draw._`;
  const lines = complete.map(
    (run) =>
      `    line [${points.map((point) => Number(scale(point[run.id] as number).toFixed(2))).join(", ")}]`,
  );
  if (slaLine !== undefined)
    lines.push(`    line [${levels.map(() => Number(scale(slaLine).toFixed(2))).join(", ")}]`);
  const legend = [...complete.map((run) => run.name), ...(slaLine !== undefined ? ["SLA"] : [])].join(", ");
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${title}"`,
    `    x-axis "Users" [${levels.join(", ")}]`,
    `    y-axis "${yAxis}"`,
    ...lines,
    "```",
    `Lines, in order: ${legend}.`,
  ].join("\n");
}

export function reportToMarkdown(report: LoadTestReport): string {
  const first = report.runs[0];
  const slaText = first?.sla_label ?? "";
  const columns = comparativeColumns(slaText.replace(/^avg /, ""));
  const out: string[] = [];
  out.push(`# Load test report: ${report.runs.map((run) => run.name).join(" vs ")}`, "");
  out.push(`Generated ${report.generated_at}.`, "");
  if (report.runs.some((run) => run.simulator)) {
    out.push(
      "> **Simulator.** Some answers came from Hearth's vLLM simulator, a test double used when no GPU is present: these figures measure Hearth's own path (authentication, knowledge check, gateway) over the simulator's latency model, not a real model.",
      "",
    );
  }
  out.push("## Runs", "");
  out.push(
    table(
      [
        "Run",
        "Model",
        "Assistant",
        "Endpoint",
        "Load",
        "SLA",
        "Status",
        "Verdict",
        "Largest user level within the SLA",
        "Served by",
      ],
      report.runs.map((run) => [
        run.id,
        run.name,
        run.assistant_id,
        run.endpoint,
        describeLoad(run),
        run.sla_label,
        run.status,
        verdict(run.sla_met),
        run.max_users_within_sla === null
          ? "none"
          : run.max_users_per_backend === null
            ? `${run.max_users_within_sla} users`
            : `${run.max_users_within_sla} users (${run.max_users_per_backend} per backend, ${run.backends} backend${run.backends === 1 ? "" : "s"})`,
        run.served_by,
      ]),
    ),
    "",
  );
  out.push("## Comparative results", "");
  out.push(
    table(
      columns.map((column) => column.title),
      report.comparative_results.map((row) => columns.map((column) => column.format(row))),
    ),
    "",
  );
  out.push(`## SLA compliance (${slaText})`, "");
  out.push(
    table(
      ["Model", ...report.sla_compliance.user_levels.map((users) => `${users} Users`)],
      report.sla_compliance.rows.map((row) => [row.name, ...row.levels.map(verdict)]),
    ),
    "",
  );
  out.push("## Charts", "");
  const sla = report.charts.sla_avg_ms;
  const toSeconds = (ms: number) => ms / 1000;
  out.push(
    "### Average response time by users",
    "",
    chart("Average response time by users", "Seconds", report, report.charts.average_ms, toSeconds, sla),
    "",
  );
  out.push(
    "### Median response time by users",
    "",
    chart("Median response time by users", "Seconds", report, report.charts.median_ms, toSeconds, sla),
    "",
  );
  out.push(
    "### Error rate by users",
    "",
    chart("Error rate by users", "Percent", report, report.charts.error_rate, (rate) => rate * 100),
    "",
  );
  out.push(
    "### Throughput by users",
    "",
    chart(
      "Throughput by users",
      "Requests per minute",
      report,
      report.charts.throughput_per_min,
      (value) => value,
    ),
    "",
  );
  out.push(
    "## Definitions",
    "",
    "- Response times are measured by the client, from sending the question to the complete answer, over answered requests. TTFT is the first answer token on `stream` and the server's time to first token on `ask`.",
    "- Error rate = failed requests / requests. Classes: 4xx, 429 (rate limited), 5xx, timeout (no complete answer in time, or 504), cut stream (ended without a result), network.",
    "- Throughput = answered requests per minute of the level. Goodput = share of requests answered within the SLA's response time (and TTFT) target.",
    "- A level meets the SLA when every target holds; the largest user level within the SLA counts up from the first level until one fails.",
    "- Per backend = that level divided by the backends that answered: N users need about N / (per backend) such backends. The console's Capacity page (GET /admin/capacity) predicts the same from live answers, with and without the assistant's degradation ladder.",
    "- Under SLA control: Degraded = answers with ladder steps applied; Prediction error = median of |predicted − actual| completion time.",
    "",
  );
  return out.join("\n");
}
