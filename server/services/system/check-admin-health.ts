// The admin health proxy: the app, its database, LanceDB, the data directory, and every enabled
// model backend — the gateway's verdict on it (state, reason, since when) and the backend's own
// health asked now — with one overall status. Each check is bounded in time and names what failed
// without connection strings or secrets.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, statfs, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { env } from "../../env";
import type { AdminHealthDto, CheckDto } from "../../schemas/system";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { getGateway, syncedBackends } from "../gateway/gateway-instance";
import { probeBackend } from "../gateway/health/probe-backend";
import { getIndex } from "../knowledge/knowledge-adapters";
import { checkDatabase } from "./check-health";
import { getVersion } from "./get-version";

const CHECK_TIMEOUT_MS = 2_000;

async function timed<T>(check: () => Promise<T>): Promise<{ check: CheckDto; value: T | null }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { check: { status: "ok", latency_ms: Math.round(performance.now() - started) }, value };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error && error.message.startsWith("no answer") ? error.message : null;
    return {
      check: {
        status: "unavailable",
        latency_ms: Math.round(performance.now() - started),
        error: message ?? code ?? "failed",
      },
      value: null,
    };
  } finally {
    clearTimeout(timer);
  }
}

async function checkLanceDb() {
  const { check, value } = await timed(() => getIndex().listTables());
  return { ...check, tables: value?.length ?? null };
}

/** Writes, reads back and removes a small file in the data directory; reports the free space. */
async function checkStorage() {
  const { check, value } = await timed(async () => {
    const dir = path.join(env.dataDir, "files");
    await mkdir(dir, { recursive: true });
    const probe = path.join(dir, `.health-${process.pid}-${randomBytes(4).toString("hex")}`);
    const content = randomBytes(16);
    try {
      await writeFile(probe, content);
      if (!(await readFile(probe)).equals(content)) throw new Error("read back differs");
    } finally {
      await rm(probe, { force: true });
    }
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  });
  return { ...check, free_bytes: value };
}

async function checkBackends(): Promise<AdminHealthDto["backends"]> {
  const rows = await syncedBackends();
  const gateway = getGateway();
  return Promise.all(
    rows.map(async (row) => {
      const result = await probeBackend(row, env.HEARTH_HEALTH_TIMEOUT_MS);
      gateway.recordProbe(row.id, result);
      const view = gateway.view(row.id);
      const check = result.ok
        ? {
            status: "ok" as const,
            latency_ms: Math.round(result.latencyMs),
            load: result.load
              ? {
                  running: result.load.running,
                  waiting: result.load.waiting,
                  kv_cache_usage: result.load.kvCacheUsage,
                }
              : null,
          }
        : {
            status: "unavailable" as const,
            latency_ms: Math.round(result.latencyMs),
            error: result.reason,
            load: null,
          };
      return {
        id: row.id,
        name: row.name,
        models: row.models,
        state: view?.health.state ?? "healthy",
        reason: view?.health.reason ?? "",
        since: new Date(view?.health.since ?? Date.now()).toISOString(),
        check,
      };
    }),
  );
}

function modelsOf(backends: AdminHealthDto["backends"]): AdminHealthDto["models"] {
  const byModel = new Map<string, { healthy: number; total: number }>();
  for (const backend of backends) {
    for (const model of backend.models) {
      const entry = byModel.get(model) ?? { healthy: 0, total: 0 };
      entry.total += 1;
      if (backend.state === "healthy") entry.healthy += 1;
      byModel.set(model, entry);
    }
  }
  return [...byModel].map(([model, { healthy, total }]) => ({
    model,
    status: healthy === total ? "ok" : healthy > 0 ? "degraded" : "unavailable",
    healthy_backends: healthy,
    backends: total,
  }));
}

export async function checkAdminHealth(actor: Actor): Promise<AdminHealthDto> {
  authorize(actor, "backends:read");
  const [database, lancedb, storage, backends] = await Promise.all([
    checkDatabase(),
    checkLanceDb(),
    checkStorage(),
    checkBackends(),
  ]);
  const models = modelsOf(backends);
  const degraded =
    lancedb.status !== "ok" ||
    storage.status !== "ok" ||
    backends.some((backend) => backend.state !== "healthy" || backend.check.status !== "ok") ||
    models.some((model) => model.status !== "ok");
  return {
    status: database.status !== "ok" ? "unavailable" : degraded ? "degraded" : "ok",
    checked_at: new Date().toISOString(),
    app: {
      status: "ok",
      version: getVersion().version,
      uptime_s: Math.round(process.uptime()),
      pid: process.pid,
      hostname: os.hostname(),
    },
    database: { ...database, kind: env.HEARTH_DB_EMBEDDED ? "embedded" : "postgresql" },
    lancedb,
    storage,
    backends,
    models,
  };
}
