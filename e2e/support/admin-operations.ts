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

export const adminOperations: Record<string, Send> = {
  "POST /admin/assistants": (r, headers) =>
    r.post("/admin/assistants", { headers, data: { id: `never-${Date.now()}` } }),
  "GET /admin/assistants": (r, headers) => r.get("/admin/assistants", { headers }),
  "POST /admin/assistants/auto": (r, headers) =>
    r.post("/admin/assistants/auto", { headers, data: { name: "Never" } }),
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
  "DELETE /admin/api-keys/{key_id}": (r, headers, ids) =>
    r.delete(`/admin/api-keys/${ids.keyId}`, { headers }),
  "GET /admin/backends": (r, headers) => r.get("/admin/backends", { headers }),
  "POST /admin/backends": (r, headers) =>
    r.post("/admin/backends", { headers, data: sampleBackend(`never-${Date.now()}`) }),
  "GET /admin/backends/{backend_id}": (r, headers, ids) =>
    r.get(`/admin/backends/${ids.backendId}`, { headers }),
  "POST /admin/backends/{backend_id}": (r, headers, ids) =>
    r.post(`/admin/backends/${ids.backendId}`, { headers, data: { max_concurrency: 3 } }),
  "DELETE /admin/backends/{backend_id}": (r, headers, ids) =>
    r.delete(`/admin/backends/${ids.backendId}`, { headers }),
};
