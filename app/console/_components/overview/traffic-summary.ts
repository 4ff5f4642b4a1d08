// The Overview's Traffic card in three figures: requests, error rate and p95 of the last 15
// minutes. Percentiles of different assistants cannot be combined, so the p95 shown is the
// slowest assistant's, named beside it.
import type { Telemetry } from "@/server/schemas/telemetry";
import { formatCount, formatMs, formatShare, NO_VALUE } from "../dashboard/format-metrics";

export interface TrafficSummary {
  requests: string;
  errorRate: string;
  p95: string;
  slowest: string | undefined;
}

export function trafficSummary(telemetry: Telemetry): TrafficSummary {
  const windows = telemetry.assistants.map((assistant) => ({
    name: assistant.name,
    stats: assistant.windows["15m"],
  }));
  const requests = windows.reduce((total, item) => total + item.stats.requests, 0);
  const failed = windows.reduce((total, item) => total + item.stats.failed, 0);
  const slowest = windows
    .filter((item) => item.stats.response_ms.p95 !== null)
    .sort((a, b) => b.stats.response_ms.p95! - a.stats.response_ms.p95!)[0];
  return {
    requests: formatCount(requests),
    errorRate: requests > 0 ? formatShare(failed / requests) : NO_VALUE,
    p95: slowest ? formatMs(slowest.stats.response_ms.p95) : NO_VALUE,
    slowest: slowest?.name,
  };
}
