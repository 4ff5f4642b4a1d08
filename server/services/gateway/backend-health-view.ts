// The gateway's view of each enabled backend, in the admin API's shape. Reading it is demand for
// current health (the console shows it): probes return to their interval, unless the reader is a
// background task (the alert loop) that would otherwise keep an idle replica probing.
import type { BackendHealthDto } from "../../schemas/backend";
import type { BackendView } from "./gateway";
import { getGateway, noteHealthDemand, syncedBackends } from "./gateway-instance";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toHealthDto(view: BackendView, queues: Record<string, number>): BackendHealthDto {
  const { health } = view;
  return {
    state: health.state,
    reason: health.reason,
    since: new Date(health.since).toISOString(),
    checked_at: iso(health.checkedAt),
    probe_latency_ms: health.probeLatencyMs,
    consecutive_failures: health.consecutiveFailures,
    outstanding: view.outstanding,
    queued: view.backend.models.reduce((sum, model) => sum + (queues[model] ?? 0), 0),
    error_rate: health.errorRate,
    recent_requests: health.recentRequests,
    ttft_ms: health.ttftMs,
    rate_limited_until: iso(health.rateLimitedUntil),
    load: health.load
      ? {
          running: health.load.running,
          waiting: health.load.waiting,
          kv_cache_usage: health.load.kvCacheUsage,
        }
      : null,
  };
}

/** Health by backend id, for every enabled backend; `demand: false` leaves the probe schedule be. */
export async function backendHealthById({ demand = true } = {}): Promise<Map<string, BackendHealthDto>> {
  if (demand) noteHealthDemand();
  await syncedBackends();
  const gateway = getGateway();
  const queues = gateway.queueDepths();
  return new Map(gateway.backends().map((view) => [view.backend.id, toHealthDto(view, queues)]));
}
