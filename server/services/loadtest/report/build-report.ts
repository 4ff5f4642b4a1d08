// The report of one or more runs, shaped like the reference performance report: a comparative
// results table (one row per run and user level), an SLA compliance table (runs by user level),
// and the series of its four charts (average and median response time with the SLA line, error
// rate, throughput). The console draws it; the Markdown, CSV and JSON exports are written from it.
import type {
  ChartPoint,
  ComparativeRow,
  LoadTestDto,
  LoadTestLevelResult,
  LoadTestReport,
  LoadTestSla,
  ServedBy,
} from "../../../schemas/loadtest";

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1))}s`;

/** `avg ≤ 90s`, with the optional targets after it. */
export function slaLabel(sla: LoadTestSla): string {
  const parts = [`avg ≤ ${seconds(sla.avg_ms)}`];
  if (sla.p95_ms !== null) parts.push(`p95 ≤ ${seconds(sla.p95_ms)}`);
  if (sla.ttft_ms !== null) parts.push(`TTFT ≤ ${seconds(sla.ttft_ms)}`);
  if (sla.error_rate !== null) parts.push(`errors ≤ ${Number((sla.error_rate * 100).toFixed(2))}%`);
  return parts.join(", ");
}

const KIND_LABELS: Record<ServedBy["kind"], string> = {
  simulator: "vLLM simulator",
  openai_compatible: "OpenAI-compatible server",
  llama_cpp: "llama.cpp in-process",
  retrieval_only: "no model: retrieval only",
  unknown: "backend no longer registered",
};

export function servedByLabel(servedBy: ServedBy[]): string {
  if (servedBy.length === 0) return "no answers yet";
  return servedBy
    .map(
      (entry) =>
        `${entry.backend ?? "none"}: ${entry.model} (${KIND_LABELS[entry.kind]}, ${entry.requests} answers)`,
    )
    .join("; ");
}

/** Names for the table's first column: the label, else the model; made unique when they clash. */
function runNames(runs: LoadTestDto[]): string[] {
  const base = runs.map((run) => run.label || run.served_by[0]?.model || run.assistant_id);
  return base.map((name, index) =>
    base.filter((other) => other === name).length > 1 ? `${name} (${runs[index]!.id.slice(-6)})` : name,
  );
}

function comparativeRow(
  run: LoadTestDto,
  name: string,
  users: number,
  status: ComparativeRow["status"],
  result: LoadTestLevelResult,
): ComparativeRow {
  return {
    run_id: run.id,
    name,
    users,
    status,
    requests: result.requests,
    avg_ms: result.response_ms.avg,
    median_ms: result.response_ms.median,
    p90_ms: result.response_ms.p90,
    p95_ms: result.response_ms.p95,
    p99_ms: result.response_ms.p99,
    ttft_avg_ms: result.ttft_ms.avg,
    ttft_p95_ms: result.ttft_ms.p95,
    tokens_per_second: result.tokens_per_second,
    output_tokens_per_second: result.output_tokens_per_second,
    error_rate: result.error_rate,
    errors_client_error: result.errors_by_class.client_error,
    errors_rate_limited: result.errors_by_class.rate_limited,
    errors_server_error: result.errors_by_class.server_error,
    errors_timeout: result.errors_by_class.timeout,
    errors_cut_stream: result.errors_by_class.cut_stream,
    errors_network: result.errors_by_class.network,
    throughput_per_min: result.throughput_per_min,
    goodput: result.goodput,
    goodput_per_min: result.goodput_per_min,
    degraded: result.sla_control?.degraded ?? null,
    prediction_error_ms: result.sla_control?.prediction_error_ms ?? null,
    sla_met: result.sla_met,
  };
}

function chartSeries(
  runs: LoadTestDto[],
  levels: number[],
  pick: (result: LoadTestLevelResult) => number | null,
): ChartPoint[] {
  return levels.map((users) => {
    const point: ChartPoint = { users };
    for (const run of runs) {
      const level = run.levels.find((candidate) => candidate.users === users);
      // A running level's figures are provisional (no answer yet reads as 0 errors, 0/min): the
      // charts wait for it to finish; the run's live panel shows them meanwhile.
      const result = level?.status === "running" ? undefined : level?.result;
      point[run.id] = result ? pick(result) : null;
    }
    return point;
  });
}

/** What the run says one backend carries: its largest level within the SLA over the backends that answered. */
function measuredCapacity(run: LoadTestDto): { backends: number; max_users_per_backend: number | null } {
  const backends = new Set(run.served_by.flatMap((entry) => (entry.backend === null ? [] : [entry.backend])))
    .size;
  return {
    backends,
    max_users_per_backend:
      run.max_users_within_sla === null || backends === 0
        ? null
        : Math.round((run.max_users_within_sla / backends) * 10) / 10,
  };
}

export function buildReport(runs: LoadTestDto[], now = new Date()): LoadTestReport {
  const names = runNames(runs);
  const levels = [...new Set(runs.flatMap((run) => run.scenario.user_levels))].sort((a, b) => a - b);
  const comparative = runs.flatMap((run, index) =>
    run.levels.flatMap((level) =>
      level.result ? [comparativeRow(run, names[index]!, level.users, level.status, level.result)] : [],
    ),
  );
  return {
    object: "loadtest.report",
    generated_at: now.toISOString(),
    runs: runs.map((run, index) => ({
      id: run.id,
      name: names[index]!,
      assistant_id: run.assistant_id,
      status: run.status,
      endpoint: run.scenario.endpoint,
      served_by: servedByLabel(run.served_by),
      simulator: run.served_by.some((entry) => entry.simulator),
      sla: run.scenario.sla,
      sla_label: slaLabel(run.scenario.sla),
      sla_met: run.sla_met,
      max_users_within_sla: run.max_users_within_sla,
      ...measuredCapacity(run),
      scenario: run.scenario,
      started_at: run.started_at,
      finished_at: run.finished_at,
    })),
    comparative_results: comparative,
    sla_compliance: {
      user_levels: levels,
      rows: runs.map((run, index) => ({
        run_id: run.id,
        name: names[index]!,
        levels: levels.map((users) => {
          const level = run.levels.find((candidate) => candidate.users === users);
          return level?.status === "completed" ? (level.result?.sla_met ?? null) : null;
        }),
      })),
    },
    charts: {
      user_levels: levels,
      sla_avg_ms: runs[0]?.scenario.sla.avg_ms ?? 0,
      average_ms: chartSeries(runs, levels, (result) => result.response_ms.avg),
      median_ms: chartSeries(runs, levels, (result) => result.response_ms.median),
      error_rate: chartSeries(runs, levels, (result) => result.error_rate),
      throughput_per_min: chartSeries(runs, levels, (result) => result.throughput_per_min),
    },
  };
}
