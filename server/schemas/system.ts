import { z } from "zod";

const checkSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  latency_ms: z.number(),
  error: z.string().optional(),
});

export const healthSchema = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    checks: z.object({ database: checkSchema.optional() }),
    uptime_s: z.number(),
  })
  .meta({ id: "Health" });

export const healthQuerySchema = z.strictObject({
  probe: z.enum(["live", "ready"]).default("ready").meta({
    description:
      "`live`: the process answers (no dependency checked). `ready` (default): the database answers too.",
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
