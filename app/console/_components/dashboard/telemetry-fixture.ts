// Telemetry for the dashboard's tests: windows with the figures a test names, zeros elsewhere.
import type { Telemetry, WindowStats } from "@/server/schemas/telemetry";

type Percentiles = WindowStats["response_ms"];
type WindowFigures = Partial<Omit<WindowStats, "response_ms" | "ttft_ms">> & {
  response_ms?: Partial<Percentiles>;
  ttft_ms?: Partial<Percentiles>;
};

const noPercentiles: Percentiles = { avg: null, p50: null, p90: null, p95: null, p99: null };

export function windowStats(figures: WindowFigures = {}): WindowStats {
  return {
    requests: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
    error_rate: 0,
    errors: { rate_limited: 0, timeout: 0, upstream: 0, other: 0 },
    tokens_per_second: null,
    throughput_per_minute: 0,
    sla_compliance: null,
    sla_control: null,
    tools: null,
    feedback: { up: 0, down: 0 },
    ...figures,
    response_ms: { ...noPercentiles, ...figures.response_ms },
    ttft_ms: { ...noPercentiles, ...figures.ttft_ms },
  };
}

export function assistantTelemetry(
  id: string,
  windows: { "1m"?: WindowFigures; "15m"?: WindowFigures; "1h"?: WindowFigures } = {},
  feedback: Partial<Telemetry["assistants"][number]["feedback"]> = {},
): Telemetry["assistants"][number] {
  return {
    assistant_id: id,
    name: `Assistant ${id}`,
    sla_avg_ms: 90_000,
    windows: {
      "1m": windowStats(windows["1m"]),
      "15m": windowStats(windows["15m"]),
      "1h": windowStats(windows["1h"]),
    },
    feedback: { up: 0, down: 0, positive_share: null, by_rag: [], ...feedback },
  };
}

export function telemetryAt(
  generatedAt: string,
  assistants: Telemetry["assistants"],
  backends: Telemetry["backends"] = [],
): Telemetry {
  return { object: "telemetry", generated_at: generatedAt, assistants, backends };
}
