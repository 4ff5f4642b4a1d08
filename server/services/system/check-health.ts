import { getDb } from "../../db/client";

export interface HealthCheck {
  status: "ok" | "unavailable";
  latency_ms: number;
  error?: string;
}

export interface HealthReport {
  status: "ok" | "unavailable";
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
 * Liveness (`live`: the process answers) or readiness (`ready`: its database answers too).
 * Public, so it reveals no configuration.
 */
export async function checkHealth(probe: "live" | "ready"): Promise<HealthReport> {
  if (probe === "live") return { status: "ok", checks: {}, uptime_s: Math.round(process.uptime()) };
  const database = await checkDatabase();
  return { status: database.status, checks: { database }, uptime_s: Math.round(process.uptime()) };
}
