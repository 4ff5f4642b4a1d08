// Credentials on the admin API: every admin operation answers 401 without a key, with a bogus,
// malformed or revoked key, and 403 with a runtime-scoped key, and changes nothing when refused.
import type { APIRequestContext } from "@playwright/test";
import { bearer, expect, expectApiError, newUniqueId, raw, test } from "../fixtures";
import { adminOperations, sampleBackend, type Existing } from "../support/admin-operations";
import { MASTER_KEY } from "../support/env";

let existing: Existing;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: bearer(MASTER_KEY) });
  const assistantId = newUniqueId("auth-target");
  expect((await api.post("/admin/assistants", { data: { id: assistantId, name: "Target" } })).status()).toBe(
    201,
  );
  const key = (await (
    await api.post("/admin/api-keys", { data: { name: newUniqueId("auth-target"), scope: "runtime" } })
  ).json()) as { id: string };
  const backend = await api.post("/admin/backends", { data: sampleBackend(newUniqueId("auth-target")) });
  expect(backend.status(), await backend.text()).toBe(201);
  existing = { assistantId, keyId: key.id, backendId: ((await backend.json()) as { id: string }).id };
  await api.dispose();
});

/** The refused calls changed nothing: the assistant and the key are as before. */
async function expectUntouched(api: APIRequestContext) {
  const assistant = await api.get(`/admin/assistants/${existing.assistantId}`);
  expect(assistant.status()).toBe(200);
  expect(await assistant.json()).toMatchObject({ name: "Target", enabled: true });
  // Every page: other specs running alongside create keys too.
  let found: { id: string; revoked_at: string | null } | undefined;
  for (let cursor: string | null = null; !found;) {
    const page = (await (
      await api.get("/admin/api-keys", {
        params: { limit: 100, include_revoked: "true", ...(cursor ? { cursor } : {}) },
      })
    ).json()) as { data: { id: string; revoked_at: string | null }[]; next_cursor: string | null };
    found = page.data.find((key) => key.id === existing.keyId);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  expect(found?.revoked_at).toBeNull();
  const backend = await api.get(`/admin/backends/${existing.backendId}`);
  expect(backend.status()).toBe(200);
  expect(await backend.json()).toMatchObject({ max_concurrency: 16 });
}

const wrongCredentials: [string, () => Record<string, string>][] = [
  ["no Authorization header", () => ({})],
  ["a bogus key", () => bearer(`hth_${"x".repeat(40)}`)],
  ["a key without the hth_ prefix", () => bearer("not-a-hearth-key")],
  ["a Basic Authorization header", () => ({ authorization: "Basic YWRtaW46cGFzc3dvcmQ=" })],
  ["an empty Bearer", () => ({ authorization: "Bearer " })],
  ["a near miss of the master key", () => bearer(`${MASTER_KEY.slice(0, -1)}!`)],
];

for (const [operation, send] of Object.entries(adminOperations)) {
  test.describe(operation, () => {
    for (const [label, headers] of wrongCredentials) {
      test(`401 UNAUTHORIZED with ${label}`, async ({ request }) => {
        const body = await expectApiError(await send(request, headers(), existing), 401, "UNAUTHORIZED");
        expect(body.error.message).not.toMatch(/hth_/);
      });
    }

    test("403 FORBIDDEN with a runtime-scoped key", async ({ request, runtimeKey, api }) => {
      await expectApiError(await send(request, bearer(runtimeKey.key), existing), 403, "FORBIDDEN");
      await expectUntouched(api);
    });
  });
}

test("401 comes before input validation: no schema hints without credentials", async ({ request }) => {
  await expectApiError(
    await request.post("/admin/assistants", { data: { id: "NOT VALID", bogus: true } }),
    401,
    "UNAUTHORIZED",
  );
  await expectApiError(
    await request.post("/admin/assistants", { headers: { "content-type": "text/plain" }, data: raw("x") }),
    401,
    "UNAUTHORIZED",
  );
  await expectApiError(
    await request.get("/admin/assistants", { params: { limit: "0" } }),
    401,
    "UNAUTHORIZED",
  );
});

test("refused calls with wrong credentials changed nothing", async ({ api }) => {
  await expectUntouched(api);
});

test("a revoked admin key is refused on every admin operation", async ({ api, request }) => {
  const created = (await (
    await api.post("/admin/api-keys", { data: { name: newUniqueId("revoked"), scope: "admin" } })
  ).json()) as { id: string; key: string };
  expect((await api.delete(`/admin/api-keys/${created.id}`)).status()).toBe(200);
  for (const send of Object.values(adminOperations)) {
    await expectApiError(await send(request, bearer(created.key), existing), 401, "UNAUTHORIZED");
  }
  await expectUntouched(api);
});

test("a runtime key restricted to the very assistant still cannot administer it", async ({
  api,
  request,
}) => {
  const created = (await (
    await api.post("/admin/api-keys", {
      data: { name: newUniqueId("scoped"), scope: "runtime", assistant_ids: [existing.assistantId] },
    })
  ).json()) as { key: string };
  for (const operation of [
    "GET /admin/assistants/{assistant_id}",
    "POST /admin/assistants/{assistant_id}",
    "DELETE /admin/assistants/{assistant_id}",
  ]) {
    await expectApiError(
      await adminOperations[operation]!(request, bearer(created.key), existing),
      403,
      "FORBIDDEN",
    );
  }
  await expectUntouched(api);
});

test("an admin API key created through the API has the master key's powers", async ({
  api,
  request,
  uniqueId,
}) => {
  const created = (await (
    await api.post("/admin/api-keys", { data: { name: newUniqueId("powers"), scope: "admin" } })
  ).json()) as { id: string; key: string };
  const id = uniqueId("via-admin-key");
  expect(
    (await request.post("/admin/assistants", { headers: bearer(created.key), data: { id } })).status(),
  ).toBe(201);
  expect((await request.delete(`/admin/assistants/${id}`, { headers: bearer(created.key) })).status()).toBe(
    200,
  );
  const other = (await (
    await request.post("/admin/api-keys", {
      headers: bearer(created.key),
      data: { name: "child", scope: "runtime" },
    })
  ).json()) as { id: string };
  expect(
    (await request.delete(`/admin/api-keys/${other.id}`, { headers: bearer(created.key) })).status(),
  ).toBe(200);
});
