import { z } from "zod";

const checkSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  latency_ms: z.number(),
  error: z.string().optional(),
});
export type CheckDto = z.infer<typeof checkSchema>;

export const healthSchema = z
  .object({
    status: z.enum(["ok", "unavailable", "draining"]).meta({
      description: "`draining`: the replica is shutting down (SIGTERM): alive, but takes no new questions.",
    }),
    checks: z.object({ database: checkSchema.optional() }),
    uptime_s: z.number(),
  })
  .meta({ id: "Health" });

export const healthQuerySchema = z.strictObject({
  probe: z
    .enum(["live", "ready"])
    .default("ready")
    .meta({
      description:
        "`live`: the process answers (no dependency checked; for liveness probes). `ready` (default): the " +
        "database answers too and the replica is not draining for a shutdown (for readiness probes and load " +
        "balancers).",
    }),
});

export const versionSchema = z
  .object({
    name: z.literal("hearth"),
    version: z.string(),
    commit: z.string().nullable(),
    build_time: z.string().nullable(),
    node: z.string(),
  })
  .meta({ id: "Version" });

export const adminHealthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "unavailable"]).meta({
      description:
        "`unavailable`: the database does not answer. `degraded`: something else is wrong (LanceDB, storage, a " +
        "backend not healthy, a model with no healthy backend). `ok`: everything answers.",
    }),
    checked_at: z.string(),
    app: z.object({
      status: z.literal("ok"),
      version: z.string(),
      uptime_s: z.number(),
      pid: z.number().int(),
      hostname: z.string(),
    }),
    database: checkSchema.extend({ kind: z.enum(["embedded", "postgresql"]) }),
    lancedb: checkSchema.extend({ tables: z.number().int().nullable() }),
    storage: checkSchema.extend({ free_bytes: z.number().nullable() }),
    backends: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        models: z.array(z.string()),
        state: z.enum(["healthy", "degraded", "draining", "down"]),
        reason: z.string(),
        since: z.string(),
        check: checkSchema.extend({ load: z.record(z.string(), z.number().nullable()).nullable() }).meta({
          description: "The backend's own health, asked now (its /health, and /metrics where it has one).",
        }),
      }),
    ),
    models: z.array(
      z.object({
        model: z.string(),
        status: z.enum(["ok", "degraded", "unavailable"]),
        healthy_backends: z.number().int(),
        backends: z.number().int(),
      }),
    ),
  })
  .meta({ id: "AdminHealth" });
export type AdminHealthDto = z.infer<typeof adminHealthSchema>;
