// The report reproduces the reference report's tables and charts: fed the reference's own
// figures (GPT-OSS 120B and 20B at 5, 10, 15 and 25 users), it gives back its verdicts.
import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import type { LoadTestDto, LoadTestLevelResult } from "@/server/schemas/loadtest";
import { buildReport, slaLabel } from "./build-report";
import { reportToCsv } from "./export-csv";
import { reportToMarkdown } from "./export-markdown";
import { renderReport } from "./export-report";

const sla = { avg_ms: 90_000, p95_ms: null, ttft_ms: null, error_rate: null };

// users, avg, median, p90, p95, p99, error rate, throughput — the reference's table.
type Figures = [number, number, number, number, number, number, number, number];
const reference: Record<string, Figures[]> = {
  "120B": [
    [5, 41_802, 43_437, 54_304, 60_111, 114_040, 0.067, 7.0],
    [10, 78_347, 88_515, 108_509, 111_669, 113_800, 0.122, 7.0],
    [15, 97_493, 117_635, 150_114, 160_119, 163_594, 0.143, 8.3],
    [25, 124_093, 142_777, 206_793, 217_145, 221_432, 0.177, 10.0],
  ],
  "20B": [
    [5, 34_355, 38_462, 47_163, 49_897, 55_427, 0.11, 8.4],
    [10, 56_421, 64_825, 75_231, 77_109, 79_759, 0.09, 10.3],
    [15, 73_574, 85_901, 108_422, 110_204, 112_986, 0, 11.4],
    [25, 102_460, 125_987, 188_772, 195_114, 203_937, 0.188, 10.0],
  ],
};

function result([, avg, median, p90, p95, p99, errorRate, throughput]: Figures): LoadTestLevelResult {
  return {
    duration_ms: 600_000,
    requests: 100,
    successes: Math.round(100 * (1 - errorRate)),
    errors: Math.round(100 * errorRate),
    response_ms: { avg, median, p90, p95, p99, min: 1000, max: p99 + 1000 },
    ttft_ms: { avg: 900, median: 800, p95: 2000 },
    tokens_per_second: 42.5,
    output_tokens_per_second: 150.2,
    error_rate: errorRate,
    errors_by_class: {
      client_error: 0,
      rate_limited: 1,
      server_error: 2,
      timeout: 3,
      cut_stream: 4,
      network: 0,
    },
    throughput_per_min: throughput,
    goodput: 0.8,
    goodput_per_min: throughput * 0.8,
    sla_control: null,
    sla_met: avg <= sla.avg_ms,
    sla_checks: [],
  };
}

function run(id: string, label: string, rows: Figures[]): LoadTestDto {
  return {
    id,
    object: "loadtest",
    assistant_id: "support",
    label,
    status: "completed",
    scenario: {
      endpoint: "ask",
      user_levels: rows.map((row) => row[0]),
      duration_seconds: 600,
      requests_per_user: null,
      ramp_up_seconds: 0,
      think_time_ms: 0,
      request_timeout_seconds: 300,
      prompts: { source: "builtin", count: 20 },
      sla,
    },
    created_by: "admin@example.test",
    error: null,
    served_by: [
      {
        backend: "gpu-1",
        model: `gpt-oss-${label.toLowerCase()}`,
        requests: 400,
        kind: "openai_compatible",
        simulator: false,
      },
    ],
    levels: rows.map((row) => ({
      users: row[0],
      status: "completed",
      started_at: null,
      finished_at: null,
      result: result(row),
    })),
    sla_met: false,
    max_users_within_sla: null,
    stop_requested_at: null,
    created_at: "2026-01-01T00:00:00.000Z",
    started_at: "2026-01-01T00:00:00.000Z",
    finished_at: "2026-01-01T01:00:00.000Z",
  };
}

const runs = [run("lt_120", "120B", reference["120B"]!), run("lt_20", "20B", reference["20B"]!)];
runs[0]!.max_users_within_sla = 10;
runs[1]!.max_users_within_sla = 15;
const report = buildReport(runs, new Date("2026-01-02T00:00:00.000Z"));

describe("buildReport", () => {
  test("each run states what one backend carries: its largest level within the SLA over the backends", () => {
    expect(
      report.runs.map((entry) => [entry.max_users_within_sla, entry.backends, entry.max_users_per_backend]),
    ).toEqual([
      [10, 1, 10],
      [15, 1, 15],
    ]);
    const two = run("lt_2", "20B", reference["20B"]!);
    two.max_users_within_sla = 15;
    two.served_by = [
      { backend: "gpu-1", model: "gpt-oss-20b", requests: 200, kind: "openai_compatible", simulator: false },
      { backend: "gpu-2", model: "gpt-oss-20b", requests: 200, kind: "openai_compatible", simulator: false },
    ];
    const [entry] = buildReport([two]).runs;
    expect(entry).toMatchObject({ backends: 2, max_users_per_backend: 7.5 });
    expect(reportToMarkdown(buildReport([two]))).toContain("15 users (7.5 per backend, 2 backends)");
  });

  test("one comparative row per run and level, in order", () => {
    expect(report.comparative_results.map((row) => `${row.name}@${row.users}`)).toEqual([
      "120B@5",
      "120B@10",
      "120B@15",
      "120B@25",
      "20B@5",
      "20B@10",
      "20B@15",
      "20B@25",
    ]);
    expect(report.comparative_results[2]).toMatchObject({
      avg_ms: 97_493,
      median_ms: 117_635,
      p90_ms: 150_114,
      p95_ms: 160_119,
      p99_ms: 163_594,
      error_rate: 0.143,
      throughput_per_min: 8.3,
      sla_met: false,
      errors_cut_stream: 4,
    });
  });

  test("the SLA compliance table is the reference's", () => {
    expect(report.sla_compliance).toEqual({
      user_levels: [5, 10, 15, 25],
      rows: [
        { run_id: "lt_120", name: "120B", levels: [true, true, false, false] },
        { run_id: "lt_20", name: "20B", levels: [true, true, true, false] },
      ],
    });
  });

  test("the four charts have a point per user level and a value per run, and the SLA line", () => {
    expect(report.charts.sla_avg_ms).toBe(90_000);
    expect(report.charts.average_ms[0]).toEqual({ users: 5, lt_120: 41_802, lt_20: 34_355 });
    expect(report.charts.median_ms[3]).toEqual({ users: 25, lt_120: 142_777, lt_20: 125_987 });
    expect(report.charts.error_rate[2]).toEqual({ users: 15, lt_120: 0.143, lt_20: 0 });
    expect(report.charts.throughput_per_min.map((point) => point.lt_20)).toEqual([8.4, 10.3, 11.4, 10.0]);
  });

  test("a level one run did not test is a gap, not a zero", () => {
    const partial = buildReport([runs[0]!, run("lt_small", "small", [reference["20B"]![0]!])]);
    expect(partial.charts.average_ms[1]).toEqual({ users: 10, lt_120: 78_347, lt_small: null });
    expect(partial.sla_compliance.rows[1]!.levels).toEqual([true, null, null, null]);
  });

  test("a running level is left out of the charts until it finishes, though its row is in the table", () => {
    const running = run("lt_live", "live", reference["20B"]!.slice(0, 2));
    running.status = "running";
    running.levels[1] = {
      ...running.levels[1]!,
      status: "running",
      result: {
        ...result(reference["20B"]![1]!),
        requests: 0,
        successes: 0,
        error_rate: 0,
        throughput_per_min: 0,
      },
    };
    const live = buildReport([running]);
    expect(live.charts.error_rate).toEqual([
      { users: 5, lt_live: 0.11 },
      { users: 10, lt_live: null },
    ]);
    expect(live.charts.throughput_per_min[1]).toEqual({ users: 10, lt_live: null });
    expect(live.comparative_results.map((row) => [row.users, row.status])).toEqual([
      [5, "completed"],
      [10, "running"],
    ]);
  });

  test("runs with the same name are told apart", () => {
    const twice = buildReport([
      run("lt_aaaaaa", "", reference["20B"]!),
      run("lt_bbbbbb", "", reference["20B"]!),
    ]);
    expect(twice.runs.map((entry) => entry.name)).toEqual(["gpt-oss- (aaaaaa)", "gpt-oss- (bbbbbb)"]);
  });

  test("labels the SLA with each target set", () => {
    expect(slaLabel(sla)).toBe("avg ≤ 90s");
    expect(slaLabel({ avg_ms: 1500, p95_ms: 3000, ttft_ms: 500, error_rate: 0.05 })).toBe(
      "avg ≤ 1.5s, p95 ≤ 3s, TTFT ≤ 0.5s, errors ≤ 5%",
    );
  });
});

describe("exports", () => {
  test("Markdown has the reference's two tables, its four charts and the verdicts", () => {
    const markdown = reportToMarkdown(report);
    expect(markdown).toContain("# Load test report: 120B vs 20B");
    expect(markdown).toContain(
      "| Model | Users | Avg (ms) | Median (ms) | %90 (ms) | %95 (ms) | %99 (ms) | Error Rate | Throughput (/min) | SLA (≤ 90s) |",
    );
    expect(markdown).toContain(
      "| 120B | 15 | 97,493 | 117,635 | 150,114 | 160,119 | 163,594 | 14.3% | 8.3 | ❌ |",
    );
    expect(markdown).toContain(
      "| 20B | 15 | 73,574 | 85,901 | 108,422 | 110,204 | 112,986 | 0% | 11.4 | ✅ |",
    );
    expect(markdown).toContain("## SLA compliance (avg ≤ 90s)");
    expect(markdown).toContain("| Model | 5 Users | 10 Users | 15 Users | 25 Users |");
    expect(markdown).toContain("| 120B | ✅ | ✅ | ❌ | ❌ |");
    expect(markdown).toContain("| 20B | ✅ | ✅ | ✅ | ❌ |");
    for (const title of [
      "Average response time by users",
      "Median response time by users",
      "Error rate by users",
      "Throughput by users",
    ]) {
      expect(markdown).toContain(`### ${title}`);
      expect(markdown).toContain(`title "${title}"`);
    }
    expect(markdown).toContain("line [41.8, 78.35, 97.49, 124.09]");
    expect(markdown).toContain("line [90, 90, 90, 90]");
    expect(markdown).toContain("| 10 users (10 per backend, 1 backend) |");
    expect(markdown).not.toContain("Simulator");
  });

  test("Markdown says when the simulator served the run", () => {
    const simulated = run("lt_sim", "", reference["20B"]!);
    simulated.served_by = [
      { backend: "sim", model: "gpt-oss-20b", requests: 9, kind: "simulator", simulator: true },
    ];
    const markdown = reportToMarkdown(buildReport([simulated]));
    expect(markdown).toContain("**Simulator.**");
    expect(markdown).toContain("sim: gpt-oss-20b (vLLM simulator, 9 answers)");
  });

  test("CSV has one row per run and level with raw numbers", () => {
    const rows = parse<Record<string, string>>(reportToCsv(report), { columns: true });
    expect(rows).toHaveLength(8);
    expect(Object.keys(rows[0]!)).toEqual([
      "run_id",
      "model",
      "users",
      "avg_ms",
      "median_ms",
      "p90_ms",
      "p95_ms",
      "p99_ms",
      "error_rate",
      "throughput_per_min",
      "sla_met",
      "requests",
      "ttft_avg_ms",
      "ttft_p95_ms",
      "tokens_per_second",
      "output_tokens_per_second",
      "goodput",
      "goodput_per_min",
      "degraded",
      "prediction_error_ms",
      "errors_client_error",
      "errors_rate_limited",
      "errors_server_error",
      "errors_timeout",
      "errors_cut_stream",
      "errors_network",
      "level_status",
      "sla",
      "served_by",
    ]);
    expect(rows[6]).toMatchObject({
      run_id: "lt_20",
      model: "20B",
      users: "15",
      avg_ms: "73574",
      error_rate: "0",
      throughput_per_min: "11.4",
      sla_met: "true",
      sla: "avg ≤ 90s",
    });
  });

  test("JSON is the report object; files are named after the runs", () => {
    const file = renderReport(report, "json");
    expect(file).toMatchObject({
      contentType: "application/json",
      filename: "loadtest-lt_120-vs-lt_20.json",
    });
    expect(JSON.parse(file.body)).toEqual(report);
    expect(renderReport(report, "csv").contentType).toMatch(/^text\/csv/);
    expect(renderReport(report, "md").filename).toBe("loadtest-lt_120-vs-lt_20.md");
  });
});
