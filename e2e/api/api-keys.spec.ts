// The API keys admin API: the secret is shown once, lists never show it, revocation is immediate.
import { bearer, expect, expectApiError, newUniqueId, raw, test } from "../fixtures";

interface ApiKey {
  id: string;
  object: "api_key";
  name: string;
  prefix: string;
  scope: "admin" | "runtime";
  assistant_ids: string[];
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}
interface CreatedApiKey extends ApiKey {
  key: string;
}
interface ApiKeyList {
  object: "list";
  data: ApiKey[];
  total: number;
  next_cursor: string | null;
}

const KEY_FIELDS = [
  "assistant_ids",
  "created_at",
  "expires_at",
  "id",
  "last_used_at",
  "name",
  "object",
  "prefix",
  "quotas",
  "revoked_at",
  "scope",
];

test.describe("POST /admin/api-keys", () => {
  test("creates an admin key whose secret is shown once and works at once", async ({ api, request }) => {
    const name = newUniqueId("admin-key");
    const response = await api.post("/admin/api-keys", { data: { name, scope: "admin" } });
    expect(response.status(), await response.text()).toBe(201);
    expect(response.headers()["x-request-id"]).toBeTruthy();
    const created = (await response.json()) as CreatedApiKey;
    expect(Object.keys(created).sort()).toEqual([...KEY_FIELDS, "key"].sort());
    expect(created).toMatchObject({
      object: "api_key",
      name,
      scope: "admin",
      assistant_ids: [],
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
    });
    expect(created.id).toMatch(/^key_[0-9a-f]{24}$/);
    expect(created.key).toMatch(/^hth_[\w-]{40}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));

    const use = await request.get("/admin/assistants", { headers: bearer(created.key) });
    expect(use.status()).toBe(200);

    // Neither the list nor any later answer carries the secret (or its hash).
    const list = await api.get("/admin/api-keys", { params: { limit: 100 } });
    const text = await list.text();
    expect(text).not.toContain(created.key);
    expect(text).not.toMatch(/"(key|hash)"/);
    const listed = (JSON.parse(text) as ApiKeyList).data.find((key) => key.id === created.id);
    expect(listed).toBeDefined();
    expect(Object.keys(listed!).sort()).toEqual(KEY_FIELDS);
    expect(listed!.last_used_at).not.toBeNull();
  });

  test("creates a runtime key restricted to assistants, with an expiry", async ({ api }) => {
    const expires = new Date(Date.now() + 86_400_000).toISOString();
    const response = await api.post("/admin/api-keys", {
      data: { name: newUniqueId("rt"), scope: "runtime", assistant_ids: ["one", "two"], expires_at: expires },
    });
    expect(response.status(), await response.text()).toBe(201);
    expect(await response.json()).toMatchObject({
      scope: "runtime",
      assistant_ids: ["one", "two"],
      expires_at: expires,
    });
  });

  for (const [label, data] of [
    ["a missing name", { scope: "admin" }],
    ["an empty name", { name: "  ", scope: "admin" }],
    ["an unknown scope", { name: "x", scope: "root" }],
    ["assistant_ids on an admin key", { name: "x", scope: "admin", assistant_ids: ["a"] }],
    ["an invalid assistant id", { name: "x", scope: "runtime", assistant_ids: ["Not Valid"] }],
    ["an unknown field", { name: "x", scope: "admin", role: "god" }],
    ["an expiry in the past", { name: "x", scope: "admin", expires_at: "2000-01-01T00:00:00Z" }],
    ["an expiry that is not a date", { name: "x", scope: "admin", expires_at: "tomorrow" }],
  ] as const) {
    test(`400 INVALID_INPUT for ${label}`, async ({ api }) => {
      await expectApiError(await api.post("/admin/api-keys", { data }), 400, "INVALID_INPUT");
    });
  }

  test("400 for malformed JSON, 415 for a non-JSON body, 413 for an oversize body", async ({ api }) => {
    await expectApiError(
      await api.post("/admin/api-keys", {
        headers: { "content-type": "application/json" },
        data: raw("{name"),
      }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await api.post("/admin/api-keys", {
        headers: { "content-type": "text/plain" },
        data: raw('{"name":"x","scope":"admin"}'),
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    await expectApiError(
      await api.post("/admin/api-keys", {
        headers: { "content-type": "application/json" },
        data: raw(JSON.stringify({ name: "x".repeat(1_100_000), scope: "admin" })),
      }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
  });

  test("an expired key is refused with 401", async ({ api, request }) => {
    const expiresAt = Date.now() + 3000;
    const created = (await (
      await api.post("/admin/api-keys", {
        data: { name: newUniqueId("short"), scope: "admin", expires_at: new Date(expiresAt).toISOString() },
      })
    ).json()) as CreatedApiKey;
    expect((await request.get("/admin/api-keys", { headers: bearer(created.key) })).status()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, expiresAt + 500 - Date.now()));
    await expectApiError(
      await request.get("/admin/api-keys", { headers: bearer(created.key) }),
      401,
      "UNAUTHORIZED",
    );
  });
});

test.describe("GET /admin/api-keys", () => {
  test("paginates newest first with limit and cursor", async ({ api }) => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = (await (
        await api.post("/admin/api-keys", { data: { name: newUniqueId("page"), scope: "runtime" } })
      ).json()) as CreatedApiKey;
      ids.push(created.id);
    }
    // Other workers may create keys meanwhile: walk pages of 2 until all three are seen, and
    // check that they come in creation order reversed and no key appears twice.
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const params: Record<string, string | number> = { limit: 2, ...(cursor ? { cursor } : {}) };
      const page = (await (await api.get("/admin/api-keys", { params })).json()) as ApiKeyList;
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((key) => key.id));
      cursor = page.next_cursor;
      if (!cursor) break;
      expect(cursor).toBe(page.data.at(-1)!.id);
    }
    expect(new Set(seen).size).toBe(seen.length);
    const positions = ids.map((id) => seen.indexOf(id));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
  });

  test("400 INVALID_INPUT for a bad limit, cursor or parameter", async ({ api }) => {
    const cases: Record<string, string>[] = [
      { limit: "0" },
      { limit: "1000" },
      { limit: "x" },
      { cursor: "key_doesnotexist" },
      { include_revoked: "maybe" },
      { scope: "admin" },
    ];
    for (const params of cases) {
      await expectApiError(await api.get("/admin/api-keys", { params }), 400, "INVALID_INPUT");
    }
  });
});

test.describe("DELETE /admin/api-keys/{id}", () => {
  test("revokes at once: the key answers 401 afterwards and is listed only with include_revoked", async ({
    api,
    request,
  }) => {
    const created = (await (
      await api.post("/admin/api-keys", { data: { name: newUniqueId("revoke"), scope: "admin" } })
    ).json()) as CreatedApiKey;
    expect((await request.get("/admin/assistants", { headers: bearer(created.key) })).status()).toBe(200);

    const response = await api.delete(`/admin/api-keys/${created.id}`);
    expect(response.status()).toBe(200);
    const revoked = (await response.json()) as ApiKey;
    expect(revoked.id).toBe(created.id);
    expect(revoked.revoked_at).not.toBeNull();
    expect(JSON.stringify(revoked)).not.toContain(created.key);

    const body = await expectApiError(
      await request.get("/admin/assistants", { headers: bearer(created.key) }),
      401,
      "UNAUTHORIZED",
    );
    expect(body.error.message).not.toContain(created.key);

    const active = (await (
      await api.get("/admin/api-keys", { params: { limit: 100 } })
    ).json()) as ApiKeyList;
    expect(active.data.some((key) => key.id === created.id)).toBe(false);
    const everything = (await (
      await api.get("/admin/api-keys", { params: { limit: 100, include_revoked: "true" } })
    ).json()) as ApiKeyList;
    expect(everything.data.find((key) => key.id === created.id)?.revoked_at).toBe(revoked.revoked_at);

    // Revoking again keeps the first revocation time.
    const again = await api.delete(`/admin/api-keys/${created.id}`);
    expect(again.status()).toBe(200);
    expect(((await again.json()) as ApiKey).revoked_at).toBe(revoked.revoked_at);
  });

  test("a revoked runtime key is refused too", async ({ api, request, runtimeKey }) => {
    expect((await api.delete(`/admin/api-keys/${runtimeKey.id}`)).status()).toBe(200);
    await expectApiError(
      await request.get("/admin/assistants", { headers: bearer(runtimeKey.key) }),
      401,
      "UNAUTHORIZED",
    );
  });

  test("404 NOT_FOUND for an unknown id", async ({ api }) => {
    await expectApiError(await api.delete("/admin/api-keys/key_000000000000000000000000"), 404, "NOT_FOUND");
  });
});
