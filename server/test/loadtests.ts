// A load test level's stored result, for tests that seed finished runs as rows (no run executes).
export const LEVEL_RESULT = {
  duration_ms: 10_000,
  requests: 10,
  successes: 10,
  errors: 0,
  response_ms: { avg: 500, median: 450, p90: 800, p95: 900, p99: 990, min: 100, max: 1000 },
  ttft_ms: { avg: 50, median: 40, p95: 90 },
  tokens_per_second: 80,
  output_tokens_per_second: 160,
  error_rate: 0,
  errors_by_class: {
    client_error: 0,
    rate_limited: 0,
    server_error: 0,
    timeout: 0,
    cut_stream: 0,
    network: 0,
  },
  throughput_per_min: 60,
  goodput: 1,
  sla_met: true,
  sla_checks: [{ target: "avg_ms", limit: 90000, actual: 500, met: true }],
};
