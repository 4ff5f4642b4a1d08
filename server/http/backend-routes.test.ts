// The /admin/backends REST API through its route handlers: statuses, error codes, and that an API
// key goes in but never comes out.
import { beforeEach, describe, expect, test } from "vitest";
import * as backendRoute from "@/app/admin/backends/[backend_id]/route";
import * as backendsRoute from "@/app/admin/backends/route";
import { backendListSchema, backendSchema } from "@/server/schemas/backend";
import { bearer, createKeyActor } from "@/server/test/actors";
import { callRoute } from "@/server/test/rest";

let admin: Record<string, string>;

beforeEach(async () => {
  admin = bearer((await createKeyActor("admin")).secret);
});

const vllm = {
  name: "vllm",
  kind: "openai_compatible",
  base_url: "http://127.0.0.1:8000/v1",
  models: ["gpt-oss-20b"],
};
const one = (id: string) => ({ path: `/admin/backends/${id}`, params: { backend_id: id } });

describe("/admin/backends", () => {
  test("create (201), get, list, update, delete (then 404)", async () => {
    const created = await callRoute(backendsRoute.POST, {
      path: "/admin/backends",
      headers: admin,
      body: { ...vllm, api_key: "sk-secret-value" },
    });
    expect(created.status).toBe(201);
    expect(backendSchema.strict().parse(created.json)).toEqual(created.json);
    expect(created.json.has_api_key).toBe(true);
    expect(created.text).not.toContain("sk-secret-value");
    const id = created.json.id as string;

    const got = await callRoute(backendRoute.GET, { ...one(id), headers: admin });
    // Health moves on its own (probes, requests); the rest is the same.
    expect({ ...got.json, health: null }).toEqual({ ...created.json, health: null });
    const list = await callRoute(backendsRoute.GET, { path: "/admin/backends", headers: admin });
    expect(backendListSchema.parse(list.json).data.map((backend) => backend.id)).toEqual([id]);
    expect(list.text).not.toContain("sk-secret-value");

    const updated = await callRoute(backendRoute.POST, {
      ...one(id),
      headers: admin,
      body: { max_concurrency: 4, enabled: false },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ max_concurrency: 4, enabled: false, has_api_key: true });

    const deleted = await callRoute(backendRoute.DELETE, { ...one(id), method: "DELETE", headers: admin });
    expect(deleted.json).toEqual({ id, object: "backend.deleted", deleted: true });
    expect((await callRoute(backendRoute.GET, { ...one(id), headers: admin })).status).toBe(404);
  });

  test("400 for what a kind needs or the schema forbids; 409 for a duplicate name", async () => {
    const post = (body: unknown) =>
      callRoute(backendsRoute.POST, { path: "/admin/backends", headers: admin, body });

    const noUrl = await post({ name: "a", kind: "openai_compatible", models: ["m"] });
    expect(noUrl.status).toBe(400);
    expect(noUrl.json.error.details?.map((detail) => detail.path)).toEqual(["base_url"]);
    expect((await post({ name: "b", kind: "llama_cpp", models: ["m"] })).status).toBe(400);
    expect((await post({ ...vllm, kind: "tgi" })).status).toBe(400);
    expect((await post({ ...vllm, models: [] })).status).toBe(400);
    expect((await post({ ...vllm, base_url: "ftp://example.com" })).status).toBe(400);
    expect((await post({ ...vllm, name: "has space" })).status).toBe(400);

    expect((await post(vllm)).status).toBe(201);
    const duplicate = await post(vllm);
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe("CONFLICT");
  });

  test("401 without a key, 403 with a runtime key", async () => {
    const anonymous = await callRoute(backendsRoute.GET, { path: "/admin/backends" });
    expect(anonymous.status).toBe(401);
    const runtime = bearer((await createKeyActor("runtime")).secret);
    const denied = await callRoute(backendsRoute.POST, {
      path: "/admin/backends",
      headers: runtime,
      body: vllm,
    });
    expect(denied.status).toBe(403);
  });

  test("400 naming the field for a base URL with credentials, a query or an internal host, and for api_key_env outside HEARTH_BACKEND_KEY_", async () => {
    const post = (body: unknown) =>
      callRoute(backendsRoute.POST, { path: "/admin/backends", headers: admin, body });
    for (const [field, body] of [
      ["base_url", { ...vllm, base_url: "http://user:secret@127.0.0.1:8000/v1" }],
      ["base_url", { ...vllm, base_url: "http://127.0.0.1:8000/v1?x=" }],
      ["base_url", { ...vllm, base_url: "http://169.254.169.254/v1" }],
      ["api_key_env", { ...vllm, api_key_env: "HEARTH_MASTER_KEY" }],
    ] as const) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.json.error.code).toBe("INVALID_INPUT");
      // `body.` when the schema refused it, bare when the service did (the host check needs DNS).
      expect(response.json.error.details?.map((detail) => detail.path.replace(/^body\./, ""))).toEqual([
        field,
      ]);
      expect(response.text).not.toContain("secret@");
    }
    const created = await post({ ...vllm, api_key_env: "HEARTH_BACKEND_KEY_VLLM" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ api_key_env: "HEARTH_BACKEND_KEY_VLLM", has_api_key: true });

    // Moving a keyed backend needs the key again in the same request.
    const id = created.json.id as string;
    const moved = await callRoute(backendRoute.POST, {
      ...one(id),
      headers: admin,
      body: { base_url: "http://127.0.0.1:9000/v1" },
    });
    expect(moved.status).toBe(400);
    expect(moved.json.error.details?.map((detail) => detail.path)).toEqual(["api_key"]);
  });
});
