import type { z } from "zod";
import { adminHealthSchema, healthQuerySchema, healthSchema, versionSchema } from "../../schemas/system";
import { defineEndpoint } from "../endpoint";

export const healthEndpoint = defineEndpoint({
  method: "get",
  path: "/health",
  summary: "Liveness and readiness",
  description:
    "200 when ready; 503 with the failing check when a dependency (the database) does not answer, or with " +
    "`draining` once the replica received SIGTERM (running answers finish; new questions go elsewhere).",
  tag: "System",
  auth: "public",
  query: healthQuerySchema,
  response: healthSchema,
  statusFor: (health: z.output<typeof healthSchema>) => (health.status === "ok" ? 200 : 503),
  errors: ["UNAVAILABLE", "INVALID_INPUT"],
});

export const versionEndpoint = defineEndpoint({
  method: "get",
  path: "/version",
  summary: "Version, commit, build time and Node.js version",
  tag: "System",
  auth: "public",
  response: versionSchema,
  errors: [],
});

export const adminHealthEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/health",
  summary: "Health of everything Hearth depends on",
  description:
    "The app, its database, LanceDB, the data directory, and every enabled model backend (the gateway's " +
    "state for it, and its own /health asked now), with an overall status. Always 200; read `status`.",
  tag: "System",
  auth: "admin",
  response: adminHealthSchema,
  errors: ["UNAUTHORIZED", "FORBIDDEN"],
});
