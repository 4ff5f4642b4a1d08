// One well-formed request for every admin operation, keyed like the OpenAPI document
// ("METHOD /path/{param}"). The auth specs send each with wrong credentials; the contract spec
// checks that this table and the published document list the same operations, so a new admin
// endpoint cannot go untested.
import type { APIRequestContext, APIResponse } from "@playwright/test";

export interface Existing {
  /** An assistant that exists. */
  assistantId: string;
  /** An API key that exists. */
  keyId: string;
  /** A model backend that exists. */
  backendId: string;
}

/** A backend registration that passes validation (nothing is contacted when registering). */
export const sampleBackend = (name: string) => ({
  name,
  kind: "openai_compatible",
  base_url: "http://127.0.0.1:9/v1",
  models: [`${name}-model`],
});

type Send = (
  request: APIRequestContext,
  headers: Record<string, string>,
  ids: Existing,
) => Promise<APIResponse>;

/** POST /admin/loadtests with a one-request run; a 409 (another run holds the slot) is retried. */
async function startTinyLoadTest(r: APIRequestContext, headers: Record<string, string>, assistantId: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await r.post("/admin/loadtests", {
      headers,
      data: { assistant_id: assistantId, user_levels: [1], requests_per_user: 1 },
    });
    if (response.status() !== 409 || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * A load test run the caller can see: the latest one, or a tiny one started for the purpose.
 * Callers without the right get a placeholder id (their request fails on credentials first).
 */
async function someLoadTestId(r: APIRequestContext, headers: Record<string, string>, assistantId: string) {
  const list = await r.get("/admin/loadtests", { headers, params: { limit: 1 } });
  if (list.status() !== 200) return "lt_none";
  const latest = ((await list.json()) as { data: { id: string }[] }).data[0];
  if (latest) return latest.id;
  const started = await startTinyLoadTest(r, headers, assistantId);
  return ((await started.json()) as { id: string }).id;
}

/** A webhook that alerts never go to (switched off, at a reserved address). */
const unusedDestination = { name: "never", format: "generic", url: "http://192.0.2.1/hook", enabled: false };

/** A new webhook for the caller to act on, or a placeholder id for callers that cannot add one. */
async function someDestinationId(r: APIRequestContext, headers: Record<string, string>) {
  const created = await r.post("/admin/alerts/destinations", { headers, data: unusedDestination });
  return created.status() === 201 ? ((await created.json()) as { id: string }).id : "ald_none";
}

/** A new (switched off) rule for the caller to delete, or a placeholder id. */
async function someAlertRuleId(r: APIRequestContext, headers: Record<string, string>) {
  const created = await r.post("/admin/alerts/rules", {
    headers,
    data: { kind: "ingestion_failures", threshold: 5, enabled: false },
  });
  return created.status() === 201 ? ((await created.json()) as { id: string }).id : "alr_none";
}

export const adminOperations: Record<string, Send> = {
  "POST /admin/assistants": (r, headers) =>
    r.post("/admin/assistants", { headers, data: { id: `never-${Date.now()}` } }),
  "GET /admin/assistants": (r, headers) => r.get("/admin/assistants", { headers }),
  "GET /admin/usage": (r, headers) => r.get("/admin/usage", { headers }),
  "GET /admin/usage/export": (r, headers) => r.get("/admin/usage/export", { headers }),
  "GET /admin/conversations/search": (r, headers) =>
    r.get("/admin/conversations/search", { headers, params: { q: "hello" } }),
  "POST /admin/assistants/auto": (r, headers) =>
    r.post("/admin/assistants/auto", { headers, data: { name: "Never" } }),
  "POST /admin/assistants/auto/draft": (r, headers) =>
    r.post("/admin/assistants/auto/draft", {
      headers,
      multipart: {
        file: { name: "faq.md", mimeType: "text/markdown", buffer: Buffer.from("# FAQ\n\nHi.\n") },
      },
    }),
  "POST /admin/tools/import-openapi": (r, headers) =>
    r.post("/admin/tools/import-openapi", {
      headers,
      data: {
        document: {
          openapi: "3.1.0",
          info: { title: "Never", version: "1" },
          paths: { "/ping": { get: { responses: { "200": { description: "pong" } } } } },
        },
      },
    }),
  "GET /admin/assistants/{assistant_id}": (r, headers, ids) =>
    r.get(`/admin/assistants/${ids.assistantId}`, { headers }),
  "POST /admin/assistants/{assistant_id}": (r, headers, ids) =>
    r.post(`/admin/assistants/${ids.assistantId}`, { headers, data: { name: "Changed" } }),
  "DELETE /admin/assistants/{assistant_id}": (r, headers, ids) =>
    r.delete(`/admin/assistants/${ids.assistantId}`, { headers }),
  "POST /admin/assistants/{assistant_id}/enable": (r, headers, ids) =>
    r.post(`/admin/assistants/${ids.assistantId}/enable`, { headers }),
  "POST /admin/assistants/{assistant_id}/disable": (r, headers, ids) =>
    r.post(`/admin/assistants/${ids.assistantId}/disable`, { headers }),
  "POST /admin/api-keys": (r, headers) =>
    r.post("/admin/api-keys", { headers, data: { name: "never", scope: "admin" } }),
  "GET /admin/api-keys": (r, headers) => r.get("/admin/api-keys", { headers }),
  "POST /admin/api-keys/{key_id}": (r, headers, ids) =>
    r.post(`/admin/api-keys/${ids.keyId}`, { headers, data: { name: "never" } }),
  "GET /admin/api-keys/{key_id}/quotas": (r, headers, ids) =>
    r.get(`/admin/api-keys/${ids.keyId}/quotas`, { headers }),
  "DELETE /admin/api-keys/{key_id}": (r, headers, ids) =>
    r.delete(`/admin/api-keys/${ids.keyId}`, { headers }),
  "GET /admin/backends": (r, headers) => r.get("/admin/backends", { headers }),
  "POST /admin/backends": (r, headers) =>
    r.post("/admin/backends", { headers, data: sampleBackend(`never-${Date.now()}`) }),
  "POST /admin/backends/check": (r, headers) =>
    r.post("/admin/backends/check", { headers, data: { base_url: "http://127.0.0.1:9/v1" } }),
  "GET /admin/backends/{backend_id}": (r, headers, ids) =>
    r.get(`/admin/backends/${ids.backendId}`, { headers }),
  "POST /admin/backends/{backend_id}": (r, headers, ids) =>
    r.post(`/admin/backends/${ids.backendId}`, { headers, data: { max_concurrency: 3 } }),
  "DELETE /admin/backends/{backend_id}": (r, headers, ids) =>
    r.delete(`/admin/backends/${ids.backendId}`, { headers }),
  "GET /admin/alerts": (r, headers) => r.get("/admin/alerts", { headers }),
  "GET /admin/alerts/rules": (r, headers) => r.get("/admin/alerts/rules", { headers }),
  "POST /admin/alerts/rules": (r, headers) =>
    r.post("/admin/alerts/rules", {
      headers,
      data: { kind: "queue_rejections", threshold: 5, enabled: false },
    }),
  "GET /admin/alerts/rules/{rule_id}": (r, headers) => r.get("/admin/alerts/rules/backend_down", { headers }),
  "POST /admin/alerts/rules/{rule_id}": (r, headers) =>
    r.post("/admin/alerts/rules/backend_down", { headers, data: { name: "Backend down" } }),
  "DELETE /admin/alerts/rules/{rule_id}": async (r, headers) =>
    r.delete(`/admin/alerts/rules/${await someAlertRuleId(r, headers)}`, { headers }),
  "GET /admin/alerts/destinations": (r, headers) => r.get("/admin/alerts/destinations", { headers }),
  "POST /admin/alerts/destinations": (r, headers) =>
    r.post("/admin/alerts/destinations", { headers, data: unusedDestination }),
  "GET /admin/alerts/destinations/{destination_id}": async (r, headers) =>
    r.get(`/admin/alerts/destinations/${await someDestinationId(r, headers)}`, { headers }),
  "POST /admin/alerts/destinations/{destination_id}": async (r, headers) =>
    r.post(`/admin/alerts/destinations/${await someDestinationId(r, headers)}`, {
      headers,
      data: { name: "never used" },
    }),
  "DELETE /admin/alerts/destinations/{destination_id}": async (r, headers) =>
    r.delete(`/admin/alerts/destinations/${await someDestinationId(r, headers)}`, { headers }),
  // A reserved address (192.0.2.1): refused at once, a 200 that says so.
  "POST /admin/alerts/destinations/{destination_id}/test": async (r, headers) =>
    r.post(`/admin/alerts/destinations/${await someDestinationId(r, headers)}/test`, { headers }),
  "GET /admin/health": (r, headers) => r.get("/admin/health", { headers }),
  "GET /admin/capacity": (r, headers) => r.get("/admin/capacity", { headers, params: { users: 40 } }),
  "GET /admin/telemetry/series": (r, headers, ids) =>
    r.get("/admin/telemetry/series", { headers, params: { range: "24h", assistant_id: ids.assistantId } }),
  "POST /admin/loadtests": (r, headers, ids) => startTinyLoadTest(r, headers, ids.assistantId),
  "GET /admin/loadtests": (r, headers) => r.get("/admin/loadtests", { headers }),
  "GET /admin/loadtests/{loadtest_id}": async (r, headers, ids) =>
    r.get(`/admin/loadtests/${await someLoadTestId(r, headers, ids.assistantId)}`, { headers }),
  "POST /admin/loadtests/{loadtest_id}/stop": async (r, headers, ids) =>
    r.post(`/admin/loadtests/${await someLoadTestId(r, headers, ids.assistantId)}/stop`, { headers }),
  "GET /admin/loadtests/{loadtest_id}/report": async (r, headers, ids) =>
    r.get(`/admin/loadtests/${await someLoadTestId(r, headers, ids.assistantId)}/report`, { headers }),
  "GET /admin/audit": (r, headers) => r.get("/admin/audit", { headers, params: { limit: 5 } }),
  "GET /admin/audit/export": (r, headers) =>
    r.get("/admin/audit/export", { headers, params: { action: "assistant.*" } }),
};
