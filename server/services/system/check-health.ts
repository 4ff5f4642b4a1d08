import { getDb } from "../../db/client";
import { isDraining } from "../cluster/shutdown-state";

export interface HealthCheck {
  status: "ok" | "unavailable";
  latency_ms: number;
  error?: string;
}

export interface HealthReport {
  status: "ok" | "unavailable" | "draining";
  checks: { database?: HealthCheck };
  uptime_s: number;
}

const DB_TIMEOUT_MS = 2000;

export async function checkDatabase(): Promise<HealthCheck> {
  const started = performance.now();
  try {
    await Promise.race([
      getDb().$queryRaw`SELECT 1`,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${DB_TIMEOUT_MS} ms`)), DB_TIMEOUT_MS).unref(),
      ),
    ]);
    return { status: "ok", latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    // The reason is reported by kind only: connection strings and hosts stay out of public output.
    const reason =
      error instanceof Error && error.message.startsWith("no answer") ? error.message : "unreachable";
    return { status: "unavailable", latency_ms: Math.round(performance.now() - started), error: reason };
  }
}

/**
 * Liveness (`live`: the process answers) or readiness (`ready`: its database answers too, and it
 * is not draining for a shutdown).
 * Public, so it reveals no configuration.
 */
export async function checkHealth(probe: "live" | "ready"): Promise<HealthReport> {
  const uptime_s = Math.round(process.uptime());
  if (probe === "live") return { status: "ok", checks: {}, uptime_s };
  // A replica shutting down is alive but not ready: the load balancer stops sending it questions.
  if (isDraining()) return { status: "draining", checks: {}, uptime_s };
  const database = await checkDatabase();
  return { status: database.status, checks: { database }, uptime_s: Math.round(process.uptime()) };
}
