// The model backends admin API: the backend seeded from the environment, create (with its checks),
// list, get, partial update, delete; API keys go in and never come out; and what a backend's
// state means for the runtime (a disabled one stops serving, an unreachable one is a 502).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bearer, expect, expectApiError, raw, test } from "../fixtures";
import { sampleBackend } from "../support/admin-operations";
import { SIM_MODEL, SIM_URL } from "../support/env";
import { createAssistant } from "../support/runtime-api";
import { startSimulatedBackend } from "../support/simulated-backend";

interface Backend {
  id: string;
  object: "backend";
  name: string;
  kind: "openai_compatible" | "llama_cpp";
  base_url: string | null;
  model_path: string | null;
  models: string[];
  max_concurrency: number;
  enabled: boolean;
  has_api_key: boolean;
  api_key_env: string | null;
  source: "env" | "admin";
  prices: { input_per_million: number | null; output_per_million: number | null; gpu_hour: number | null };
  health: { state: string } | null;
  created_at: string;
  updated_at: string;
}

/** A backend without its health, which probes change between two reads. */
const withoutHealth = (backend: Backend) => ({ ...backend, health: null });

const BACKEND_FIELDS = [
  "api_key_env",
  "base_url",
  "created_at",
  "draining",
  "enabled",
  "has_api_key",
  "health",
  "id",
  "kind",
  "max_concurrency",
  "model_path",
  "models",
  "name",
  "object",
  "prices",
  "probe_generation",
  "source",
  "updated_at",
];

const SECRET = "sk-e2e-very-secret-value-0123456789";

test.describe("GET /admin/backends", () => {
  test("lists the backend seeded from the environment", async ({ api }) => {
    const response = await api.get("/admin/backends");
    expect(response.status()).toBe(200);
    const list = (await response.json()) as { object: "list"; data: Backend[] };
    expect(Object.keys(list).sort()).toEqual(["data", "object"]);
    const seeded = list.data.find((backend) => backend.name === "env-llm");
    expect(seeded).toMatchObject({
      id: "be_env_llm",
      object: "backend",
      kind: "openai_compatible",
      base_url: `${SIM_URL}/v1`,
      model_path: null,
      models: [SIM_MODEL],
      enabled: true,
      has_api_key: false,
      api_key_env: null,
      source: "env",
    });
    for (const backend of list.data) expect(Object.keys(backend).sort()).toEqual(BACKEND_FIELDS);
  });
});

test.describe("POST /admin/backends", () => {
  test("registers a backend with defaults; GET returns the same", async ({ api, uniqueId }) => {
    const name = uniqueId("be");
    const response = await api.post("/admin/backends", { data: sampleBackend(name) });
    expect(response.status(), await response.text()).toBe(201);
    expect(response.headers()["x-request-id"]).toBeTruthy();
    const created = (await response.json()) as Backend;
    expect(Object.keys(created).sort()).toEqual(BACKEND_FIELDS);
    expect(created).toMatchObject({
      object: "backend",
      name,
      kind: "openai_compatible",
      base_url: "http://127.0.0.1:9/v1",
      model_path: null,
      models: [`${name}-model`],
      max_concurrency: 16,
      enabled: true,
      has_api_key: false,
      api_key_env: null,
      source: "admin",
      prices: { input_per_million: null, output_per_million: null, gpu_hour: null },
    });
    expect(created.id).toMatch(/^be_[0-9a-f]{16}$/);

    const got = await api.get(`/admin/backends/${created.id}`);
    expect(got.status()).toBe(200);
    // Health moves on its own (probes run every few seconds); the rest is the same.
    const fetched = (await got.json()) as Backend;
    expect(withoutHealth(fetched)).toEqual(withoutHealth(created));
    expect(["healthy", "degraded", "down"]).toContain(fetched.health?.state);
  });

  test("keeps every field given; a llama_cpp backend takes a model path", async ({ api, uniqueId }) => {
    const openai = {
      name: uniqueId("full"),
      kind: "openai_compatible",
      // A private address: inside the default host allowlist, and never called (disabled).
      base_url: "http://10.11.12.13:8000/v1",
      models: ["m-one", "m-two"],
      max_concurrency: 4,
      enabled: false,
      api_key_env: "HEARTH_BACKEND_KEY_E2E",
    };
    const first = await api.post("/admin/backends", { data: openai });
    expect(first.status(), await first.text()).toBe(201);
    expect(await first.json()).toMatchObject({ ...openai, has_api_key: true });

    // Model files come only from the server's models folder (<data dir>/models by default).
    const modelsDir = path.join(process.env.E2E_DATA_DIR ?? "", "models");
    mkdirSync(modelsDir, { recursive: true });
    writeFileSync(path.join(modelsDir, "e2e-tiny.gguf"), "GGUF");
    const llama = {
      name: uniqueId("gguf"),
      kind: "llama_cpp",
      model_path: path.join(modelsDir, "e2e-tiny.gguf"),
      models: ["tiny"],
      enabled: false,
    };
    const second = await api.post("/admin/backends", { data: llama });
    expect(second.status(), await second.text()).toBe(201);
    expect(await second.json()).toMatchObject({ ...llama, base_url: null, has_api_key: false });
  });

  test("an API key is stored but never returned: has_api_key only", async ({ api, uniqueId }) => {
    const response = await api.post("/admin/backends", {
      data: { ...sampleBackend(uniqueId("secret")), api_key: SECRET },
    });
    expect(response.status(), await response.text()).toBe(201);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/"api_key"/);
    const created = JSON.parse(text) as Backend;
    expect(created.has_api_key).toBe(true);

    for (const read of [await api.get(`/admin/backends/${created.id}`), await api.get("/admin/backends")]) {
      const body = await read.text();
      expect(body).not.toContain(SECRET);
      expect(body).not.toMatch(/"api_key"|apiKeyEncrypted/);
    }
    const updated = await api.post(`/admin/backends/${created.id}`, { data: { api_key: `${SECRET}-2` } });
    expect(await updated.text()).not.toContain(SECRET);
  });

  test("409 CONFLICT for a duplicate name", async ({ api, uniqueId }) => {
    const name = uniqueId("twice");
    expect((await api.post("/admin/backends", { data: sampleBackend(name) })).status()).toBe(201);
    const body = await expectApiError(
      await api.post("/admin/backends", { data: { ...sampleBackend(name), models: ["other"] } }),
      409,
      "CONFLICT",
    );
    expect(body.error.message).toContain(name);
  });

  for (const [label, change] of [
    ["a missing name", { name: undefined }],
    ["a missing kind", { kind: undefined }],
    ["missing models", { models: undefined }],
    ["no models", { models: [] }],
    ["an empty model name", { models: [" "] }],
    ["a name with spaces", { name: "has space" }],
    ["an unknown kind", { kind: "triton" }],
    ["a base URL that is not http(s)", { base_url: "ftp://llm.example.com/v1" }],
    ["a base URL that is not a URL", { base_url: "llm server" }],
    ["no base URL for openai_compatible", { base_url: undefined }],
    ["no model path for llama_cpp", { kind: "llama_cpp", base_url: null }],
    ["a zero max_concurrency", { max_concurrency: 0 }],
    ["an api_key_env that is not a variable name", { api_key_env: "my key" }],
    ["an api_key_env outside HEARTH_BACKEND_KEY_", { api_key_env: "HEARTH_MASTER_KEY" }],
    ["a base URL with a user and password", { base_url: "http://user:pass@127.0.0.1:9/v1" }],
    ["a base URL with a query", { base_url: "http://127.0.0.1:9/v1?x=" }],
    ["a base URL with a fragment", { base_url: "http://127.0.0.1:9/v1#f" }],
    ["a base URL at a link-local (metadata) address", { base_url: "http://169.254.169.254/v1" }],
    ["a base URL at a public address (not in the default allowlist)", { base_url: "http://8.8.8.8/v1" }],
    [
      "a model path outside the models folder",
      { kind: "llama_cpp", base_url: null, model_path: "/etc/passwd" },
    ],
    ["an empty api_key", { api_key: "" }],
    ["a negative price", { prices: { input_per_million: -1, output_per_million: null, gpu_hour: null } }],
    ["prices without every part", { prices: { input_per_million: 1 } }],
    ["an unknown field", { priority: 1 }],
  ] as const) {
    test(`400 INVALID_INPUT for ${label}`, async ({ api, uniqueId }) => {
      const data: Record<string, unknown> = { ...sampleBackend(uniqueId("invalid")), ...change };
      for (const [key, value] of Object.entries(change)) if (value === undefined) delete data[key];
      await expectApiError(await api.post("/admin/backends", { data }), 400, "INVALID_INPUT");
    });
  }

  test("400 for malformed JSON, 415 for a non-JSON body", async ({ api, uniqueId }) => {
    await expectApiError(
      await api.post("/admin/backends", { headers: { "content-type": "application/json" }, data: raw("{") }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await api.post("/admin/backends", {
        headers: { "content-type": "text/plain" },
        data: raw(JSON.stringify(sampleBackend(uniqueId("plain")))),
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });
});

test.describe("POST /admin/backends/{id} (partial update)", () => {
  test("changes only the fields given; null clears the API key", async ({ api, uniqueId }) => {
    const created = (await (
      await api.post("/admin/backends", { data: { ...sampleBackend(uniqueId("upd")), api_key: SECRET } })
    ).json()) as Backend;
    const newName = uniqueId("renamed");
    const response = await api.post(`/admin/backends/${created.id}`, {
      data: { name: newName, models: ["a", "b"], max_concurrency: 3 },
    });
    expect(response.status(), await response.text()).toBe(200);
    const updated = (await response.json()) as Backend;
    expect(updated).toEqual({
      ...created,
      name: newName,
      models: ["a", "b"],
      max_concurrency: 3,
      updated_at: expect.any(String),
    });
    expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));

    const cleared = await api.post(`/admin/backends/${created.id}`, {
      data: { api_key: null, enabled: false },
    });
    expect(await cleared.json()).toMatchObject({ has_api_key: false, enabled: false, name: newName });
    const empty = await api.post(`/admin/backends/${created.id}`, { data: {} });
    expect(await empty.json()).toMatchObject({ has_api_key: false, enabled: false, models: ["a", "b"] });

    const prices = { input_per_million: 0.2, output_per_million: 0.8, gpu_hour: 2.5 };
    const priced = await api.post(`/admin/backends/${created.id}`, { data: { prices } });
    expect(await priced.json()).toMatchObject({ prices, models: ["a", "b"] });
  });

  test("400 for a kind change, an unknown field or a removed base URL; 409 for a taken name; 404 unknown", async ({
    api,
    uniqueId,
  }) => {
    const taken = uniqueId("taken");
    expect((await api.post("/admin/backends", { data: sampleBackend(taken) })).status()).toBe(201);
    const created = (await (
      await api.post("/admin/backends", { data: sampleBackend(uniqueId("mine")) })
    ).json()) as Backend;
    for (const data of [{ kind: "llama_cpp" }, { weight: 2 }, { base_url: null }, { models: [] }]) {
      await expectApiError(await api.post(`/admin/backends/${created.id}`, { data }), 400, "INVALID_INPUT");
    }
    await expectApiError(
      await api.post(`/admin/backends/${created.id}`, { data: { name: taken } }),
      409,
      "CONFLICT",
    );
    await expectApiError(
      await api.post("/admin/backends/be_0000000000000000", { data: { max_concurrency: 2 } }),
      404,
      "NOT_FOUND",
    );
    // Nothing of the refused updates stuck (health moves on its own: probes run meanwhile).
    const after = (await (await api.get(`/admin/backends/${created.id}`)).json()) as Backend;
    expect(withoutHealth(after)).toEqual(withoutHealth(created));
  });
});

test.describe("DELETE /admin/backends/{id}", () => {
  test("200 with a deletion object, then 404 everywhere", async ({ api, uniqueId }) => {
    const created = (await (
      await api.post("/admin/backends", { data: sampleBackend(uniqueId("gone")) })
    ).json()) as Backend;
    const response = await api.delete(`/admin/backends/${created.id}`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ id: created.id, object: "backend.deleted", deleted: true });
    await expectApiError(await api.get(`/admin/backends/${created.id}`), 404, "NOT_FOUND");
    await expectApiError(await api.delete(`/admin/backends/${created.id}`), 404, "NOT_FOUND");
    await expectApiError(await api.post(`/admin/backends/${created.id}`, { data: {} }), 404, "NOT_FOUND");
    const list = (await (await api.get("/admin/backends")).json()) as { data: Backend[] };
    expect(list.data.some((backend) => backend.id === created.id)).toBe(false);
  });
});

test.describe("backends and the runtime", () => {
  test("a disabled backend stops serving its model (503 NO_BACKEND); enabled again, it serves", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const backend = await startSimulatedBackend(api, uniqueId("toggle"));
    try {
      const id = await createAssistant(api, uniqueId("on-toggle"), { model: backend.model });
      const ask = () =>
        request.post(`/assistants/${id}/ask`, { headers: bearer(runtimeKey.key), data: { message: "Hi" } });
      const served = await ask();
      expect(served.status(), await served.text()).toBe(200);
      expect(((await served.json()) as { backend: string }).backend).toBe(backend.backend.name);

      expect(
        (await api.post(`/admin/backends/${backend.backend.id}`, { data: { enabled: false } })).status(),
      ).toBe(200);
      await expectApiError(await ask(), 503, "NO_BACKEND");
      expect(
        (await api.post(`/admin/backends/${backend.backend.id}`, { data: { enabled: true } })).status(),
      ).toBe(200);
      expect((await ask()).status()).toBe(200);
      expect(backend.sim.stats().completed).toBe(2);
    } finally {
      await backend.stop();
    }
  });

  test("a backend that cannot be reached answers 502 UPSTREAM_ERROR", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const name = uniqueId("unreachable");
    expect((await api.post("/admin/backends", { data: sampleBackend(name) })).status()).toBe(201);
    const id = await createAssistant(api, uniqueId("on-unreachable"), { model: `${name}-model` });
    await expectApiError(
      await request.post(`/assistants/${id}/ask`, {
        headers: bearer(runtimeKey.key),
        data: { message: "Hi" },
      }),
      502,
      "UPSTREAM_ERROR",
    );
  });
});

test.describe("GET /admin/health", () => {
  test("aggregates the app, database, LanceDB, storage and every backend's own health", async ({
    api,
    request,
    runtimeKey,
  }) => {
    const response = await api.get("/admin/health");
    expect(response.status()).toBe(200);
    const health = (await response.json()) as {
      status: string;
      database: { status: string; kind: string };
      lancedb: { status: string };
      storage: { status: string };
      backends: Array<{ name: string; state: string; check: { status: string } }>;
      models: Array<{ model: string; status: string }>;
    };
    expect(health.database.status).toBe("ok");
    expect(["embedded", "postgresql"]).toContain(health.database.kind);
    expect(health.lancedb.status).toBe("ok");
    expect(health.storage.status).toBe("ok");
    expect(health.backends.find((backend) => backend.name === "env-llm")).toMatchObject({
      state: "healthy",
      check: { status: "ok" },
    });
    expect(health.models.find((model) => model.model === SIM_MODEL)?.status).toBe("ok");
    await expectApiError(
      await request.get("/admin/health", { headers: bearer(runtimeKey.key) }),
      403,
      "FORBIDDEN",
    );
  });
});
