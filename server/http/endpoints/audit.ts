import { z } from "zod";
import {
  auditEventListSchema,
  exportAuditEventsQuerySchema,
  listAuditEventsQuerySchema,
} from "../../schemas/audit";
import { defineEndpoint } from "../endpoint";

const tag = "Audit log (admin)";
const auth = ["UNAUTHORIZED", "FORBIDDEN"] as const;

export const listAuditEventsEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/audit",
  summary: "List audit events",
  description:
    "Every change made by a person or a key (assistants, knowledge, backends, API keys, users and roles, " +
    "settings, widget, deletions) and every sign-in and failed sign-in: who, when, from which address, the " +
    "request id, and a before/after summary with secrets shown as `[redacted]`. Newest first; page on with " +
    "`next_cursor`. Events are kept for the instance setting `audit_retention_days` (365 days by default). " +
    "Admin API keys and the master key may read it; runtime keys may not.",
  tag,
  auth: "admin",
  query: listAuditEventsQuerySchema,
  response: auditEventListSchema,
  errors: [...auth, "INVALID_INPUT"],
});

export const exportAuditEventsEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/audit/export",
  summary: "Export audit events (CSV or JSON)",
  description:
    "The events matching the same filters as `GET /admin/audit`, newest first, all of them, as a download: " +
    "`format=csv` (default): `text/csv`, one row per event, `changes` as JSON text; `format=json`: " +
    "`application/json`, an array of AuditEvent objects. Cells of the CSV that a spreadsheet would read as a " +
    "formula are prefixed with `'`.",
  tag,
  auth: "admin",
  query: exportAuditEventsQuerySchema,
  response: z.string().meta({ description: "The export file (see the description for each format)." }),
  contentType: "text/csv",
  errors: [...auth, "INVALID_INPUT"],
});
