import { z } from "zod";
import { usageExportQuerySchema, usageQuerySchema, usageReportSchema } from "../../schemas/usage";
import { defineEndpoint } from "../endpoint";

const tag = "Usage (admin)";
const errors = ["UNAUTHORIZED", "FORBIDDEN", "INVALID_INPUT"] as const;

export const readUsageEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/usage",
  summary: "Usage and cost",
  description:
    "What the exchanges of a time range consumed: requests by outcome, prompt, completion and reasoning tokens, " +
    "time on the backend (GPU seconds) and cost (from the backends' prices), grouped by assistant, API key, end " +
    "user, model, backend, channel, outcome, day or hour, with filters on each. Read from rollups per minute, " +
    "hour and day kept in the database (minutes for 2 days, hours for 90 days, days for good), written as each " +
    "answer is recorded, so every replica reports the same figures. Load tests are counted, on the `loadtest` " +
    "channel. Admin API keys and the master key may read it; runtime keys may not.",
  tag,
  auth: "admin",
  query: usageQuerySchema,
  response: usageReportSchema,
  errors: [...errors],
});

export const exportUsageEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/usage/export",
  summary: "Export usage (CSV or JSON)",
  description:
    "The report of `GET /admin/usage` with the same parameters, as a download: `format=csv` (default): " +
    "`text/csv`, one row per group (its key, label, assistant for end users, then the figures, cost in USD); " +
    "`format=json`: the UsageReport itself. Cells a spreadsheet would read as a formula are prefixed with `'`.",
  tag,
  auth: "admin",
  query: usageExportQuerySchema,
  response: z.string().meta({ description: "The export file (see the description for each format)." }),
  contentType: "text/csv",
  errors: [...errors],
});
