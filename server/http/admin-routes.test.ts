// The /admin REST API and the public system endpoints, end to end through their route handlers
// (app/**/route.ts), called in-process with the credentials a client would send.
import { beforeEach, describe, expect, test } from "vitest";
import * as apiKeyRoutes from "@/app/admin/api-keys/route";
import * as apiKeyRoute from "@/app/admin/api-keys/[key_id]/route";
import * as assistantRoute from "@/app/admin/assistants/[assistant_id]/route";
import * as disableRoute from "@/app/admin/assistants/[assistant_id]/disable/route";
import * as enableRoute from "@/app/admin/assistants/[assistant_id]/enable/route";
import * as autoRoute from "@/app/admin/assistants/auto/route";
import * as assistantsRoutes from "@/app/admin/assistants/route";
import * as healthRoute from "@/app/health/route";
import * as openapiRoute from "@/app/openapi.json/route";
import * as versionRoute from "@/app/version/route";
import { bearer, createKeyActor } from "@/server/test/actors";
import { TEST_MASTER_KEY } from "@/server/test/test-env";
import { callRoute } from "@/server/test/rest";

let admin: Record<string, string>;

beforeEach(async () => {
  admin = bearer((await createKeyActor("admin")).secret);
});

const assistant = (id: string) => ({ path: `/admin/assistants/${id}`, params: { assistant_id: id } });

describe("assistants", () => {
  test("the full lifecycle", async () => {
    const created = await callRoute(assistantsRoutes.POST, {
      path: "/admin/assistants",
      headers: admin,
      body: { id: "support", name: "Support" },
    });
    expect(created.status).toBe(201);

    const auto = await callRoute(autoRoute.POST, {
      path: "/admin/assistants/auto",
      headers: admin,
      body: {},
    });
    expect(auto.status).toBe(201);
    expect(auto.json.id).toBe("untitled-assistant");

    const got = await callRoute(assistantRoute.GET, { ...assistant("support"), headers: admin });
    expect(got.json).toEqual(created.json);

    const updated = await callRoute(assistantRoute.POST, {
      ...assistant("support"),
      headers: admin,
      body: { sla: { avg_ms: 1000 } },
    });
    expect(updated.status).toBe(200);
    expect(updated.json.sla).toEqual({
      avg_ms: 1000,
      p95_ms: null,
      ttft_ms: null,
      control: "off",
      degradation: [],
    });

    const disabled = await callRoute(disableRoute.POST, {
      ...assistant("support"),
      method: "POST",
      headers: admin,
    });
    expect(disabled.json.enabled).toBe(false);
    const enabled = await callRoute(enableRoute.POST, {
      ...assistant("support"),
      method: "POST",
      headers: admin,
    });
    expect(enabled.json.enabled).toBe(true);

    const list = await callRoute(assistantsRoutes.GET, { path: "/admin/assistants?q=supp", headers: admin });
    expect(list.json).toMatchObject({ object: "list", total: 1, next_cursor: null });

    const deleted = await callRoute(assistantRoute.DELETE, {
      ...assistant("support"),
      method: "DELETE",
      headers: admin,
    });
    expect(deleted.json).toEqual({ id: "support", object: "assistant.deleted", deleted: true });
    const again = await callRoute(assistantRoute.DELETE, {
      ...assistant("support"),
      method: "DELETE",
      headers: admin,
    });
    expect(again.status).toBe(404);
    expect(again.json.error).toEqual({ code: "NOT_FOUND", message: "Assistant 'support' was not found" });
  });

  test.each([
    ["a duplicate id", 409, "CONFLICT", { id: "dup" }],
    ["the reserved id 'auto'", 400, "INVALID_INPUT", { id: "auto" }],
    [
      "overlap over half the chunk size",
      400,
      "INVALID_INPUT",
      { id: "x", rag: { chunking: { chunk_overlap_tokens: 900 } } },
    ],
  ])("%s is %i %s", async (_case, status, code, body) => {
    await callRoute(assistantsRoutes.POST, {
      path: "/admin/assistants",
      headers: admin,
      body: { id: "dup" },
    });
    const response = await callRoute(assistantsRoutes.POST, {
      path: "/admin/assistants",
      headers: admin,
      body,
    });
    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe(code);
  });

  test("a runtime key is 403 on the admin API", async () => {
    const runtime = bearer((await createKeyActor("runtime")).secret);
    const response = await callRoute(assistantsRoutes.GET, { path: "/admin/assistants", headers: runtime });
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe("FORBIDDEN");
  });

  test("the master key works", async () => {
    const response = await callRoute(assistantsRoutes.GET, {
      path: "/admin/assistants",
      headers: bearer(TEST_MASTER_KEY),
    });
    expect(response.status).toBe(200);
  });
});

describe("API keys", () => {
  test("create shows the secret once; the secret works until revoked", async () => {
    const created = await callRoute(apiKeyRoutes.POST, {
      path: "/admin/api-keys",
      headers: admin,
      body: { name: "deploy", scope: "admin" },
    });
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^hth_/);
    const secret = created.json.key as string;
    const own = bearer(secret);

    const list = await callRoute(apiKeyRoutes.GET, { path: "/admin/api-keys", headers: own });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(secret);
    for (const key of list.json.data as object[]) {
      expect(key).not.toHaveProperty("key");
      expect(key).not.toHaveProperty("hash");
    }

    const keyId = created.json.id as string;
    const revoke = { path: `/admin/api-keys/${keyId}`, params: { key_id: keyId }, method: "DELETE" };
    const revoked = await callRoute(apiKeyRoute.DELETE, { ...revoke, headers: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revoked_at).not.toBeNull();

    const afterwards = await callRoute(apiKeyRoutes.GET, { path: "/admin/api-keys", headers: own });
    expect(afterwards.status).toBe(401);

    const withRevoked = await callRoute(apiKeyRoutes.GET, {
      path: "/admin/api-keys?include_revoked=true",
      headers: admin,
    });
    expect(withRevoked.json.total).toBe(2);
  });

  test("revoking an unknown key is 404", async () => {
    const response = await callRoute(apiKeyRoute.DELETE, {
      path: "/admin/api-keys/key_nope",
      params: { key_id: "key_nope" },
      method: "DELETE",
      headers: admin,
    });
    expect(response.status).toBe(404);
  });

  test("an expiry in the past is 400", async () => {
    const response = await callRoute(apiKeyRoutes.POST, {
      path: "/admin/api-keys",
      headers: admin,
      body: { name: "old", scope: "admin", expires_at: "2001-01-01T00:00:00Z" },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("INVALID_INPUT");
  });
});

describe("system endpoints (public)", () => {
  test("/health answers 200 with the database check", async () => {
    const response = await callRoute(healthRoute.GET, { path: "/health" });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ status: "ok", checks: { database: { status: "ok" } } });
  });

  test("/health?probe=live checks nothing", async () => {
    const response = await callRoute(healthRoute.GET, { path: "/health?probe=live" });
    expect(response.json).toMatchObject({ status: "ok", checks: {} });
  });

  test("/health?probe=bogus is 400", async () => {
    expect((await callRoute(healthRoute.GET, { path: "/health?probe=bogus" })).status).toBe(400);
  });

  test("/version", async () => {
    const response = await callRoute(versionRoute.GET, { path: "/version" });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ name: "hearth", node: process.version });
    expect(response.json.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test("/openapi.json", async () => {
    const response = openapiRoute.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ openapi: "3.1.0" });
  });
});
