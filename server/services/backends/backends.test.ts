// The backends registry: create, update, delete with their checks; API keys sealed at rest and
// opened only for the engine (seen from a fake model server); and the start-up seeding from the
// environment, which must be safe to run on every start.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { getDb } from "../../db/client";
import { env } from "../../env";
import type { AppError } from "../../errors";
import { updateBackendInputSchema, type BackendDto } from "../../schemas/backend";
import { createUserActor, keyActor, master } from "../../test/actors";
import { createChatAssistant, fakeChunk, fakeOpenAiServer, type FakeOpenAiServer } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { askAssistant } from "../runtime/ask-assistant";
import { admitRequest } from "../gateway/admit-request";
import { createBackend } from "./create-backend";
import { deleteBackend } from "./delete-backend";
import { getBackend, listBackends } from "./list-backends";
import { openSecret } from "../../security/secret-box";
import { updateBackend } from "./update-backend";

const vllm = {
  name: "vllm",
  kind: "openai_compatible" as const,
  base_url: "http://127.0.0.1:8000/v1",
  models: ["gpt-oss-20b"],
};

const codeOf = async (promise: Promise<unknown>) => (await rejectionOf<AppError>(promise)).code;

describe("create, update, delete", () => {
  test("creates with defaults, updates in part, deletes once", async () => {
    const created = await createBackend(master, vllm);
    expect(created).toMatchObject({
      object: "backend",
      name: "vllm",
      kind: "openai_compatible",
      base_url: "http://127.0.0.1:8000/v1",
      model_path: null,
      models: ["gpt-oss-20b"],
      max_concurrency: 16,
      enabled: true,
      has_api_key: false,
      api_key_env: null,
      source: "admin",
    });
    expect(created.id).toMatch(/^be_[0-9a-f]{16}$/);
    expect(await getBackend(master, created.id)).toEqual(created);

    const updated = await updateBackend(master, created.id, {
      models: ["gpt-oss-20b", "gpt-oss-120b"],
      enabled: false,
    });
    expect(updated).toMatchObject({
      name: "vllm",
      base_url: vllm.base_url,
      models: ["gpt-oss-20b", "gpt-oss-120b"],
      enabled: false,
    });
    expect(updated.updated_at >= created.updated_at).toBe(true);

    expect(await deleteBackend(master, created.id)).toEqual({
      id: created.id,
      object: "backend.deleted",
      deleted: true,
    });
    expect(await codeOf(getBackend(master, created.id))).toBe("NOT_FOUND");
    expect(await codeOf(deleteBackend(master, created.id))).toBe("NOT_FOUND");
    expect(await codeOf(updateBackend(master, created.id, { enabled: true }))).toBe("NOT_FOUND");
  });

  test("prices: none by default, set and cleared as a whole, never negative", async () => {
    const created = await createBackend(master, vllm);
    expect(created.prices).toEqual({ input_per_million: null, output_per_million: null, gpu_hour: null });
    const prices = { input_per_million: 0.15, output_per_million: 0.6, gpu_hour: null };
    expect((await updateBackend(master, created.id, { prices })).prices).toEqual(prices);
    // An update that leaves prices out keeps them.
    expect((await updateBackend(master, created.id, { max_concurrency: 8 })).prices).toEqual(prices);
    const cleared = { input_per_million: null, output_per_million: null, gpu_hour: null };
    expect((await updateBackend(master, created.id, { prices: cleared })).prices).toEqual(cleared);
    const negative = updateBackendInputSchema.safeParse({
      prices: { input_per_million: -1, output_per_million: null, gpu_hour: null },
    });
    expect(negative.success).toBe(false);
  });

  test("lists by name", async () => {
    await createBackend(master, { ...vllm, name: "zeta" });
    await createBackend(master, { ...vllm, name: "alpha" });
    expect((await listBackends(master)).data.map((backend) => backend.name)).toEqual(["alpha", "zeta"]);
  });

  test("a backend needs what its engine needs", async () => {
    expect(await codeOf(createBackend(master, { ...vllm, base_url: undefined }))).toBe("INVALID_INPUT");
    expect(await codeOf(createBackend(master, { ...vllm, base_url: null }))).toBe("INVALID_INPUT");
    expect(await codeOf(createBackend(master, { name: "local", kind: "llama_cpp", models: ["tiny"] }))).toBe(
      "INVALID_INPUT",
    );
    const modelPath = path.join(env.modelsDir, "tiny.gguf");
    await mkdir(env.modelsDir, { recursive: true });
    await writeFile(modelPath, "GGUF");
    const local = await createBackend(master, {
      name: "local",
      kind: "llama_cpp",
      model_path: "tiny.gguf", // relative: taken from the models folder
      models: ["tiny"],
    });
    expect(local).toMatchObject({ kind: "llama_cpp", model_path: modelPath, base_url: null });

    // An update may not take away what the kind requires either.
    const remote = await createBackend(master, vllm);
    expect(await codeOf(updateBackend(master, remote.id, { base_url: null }))).toBe("INVALID_INPUT");
    expect(await codeOf(updateBackend(master, local.id, { model_path: null }))).toBe("INVALID_INPUT");
    expect(await getDb().backend.count()).toBe(2);
  });

  test("a duplicate name is CONFLICT, on create and on rename", async () => {
    const first = await createBackend(master, vllm);
    expect(await codeOf(createBackend(master, vllm))).toBe("CONFLICT");
    const second = await createBackend(master, { ...vllm, name: "other" });
    expect(await codeOf(updateBackend(master, second.id, { name: "vllm" }))).toBe("CONFLICT");
    expect((await getBackend(master, first.id)).name).toBe("vllm");
  });

  test("operators and admin keys manage; viewers and runtime keys may not", async () => {
    const viewer = await createUserActor("viewer");
    const operator = await createUserActor("operator");
    expect(await codeOf(createBackend(viewer, vllm))).toBe("FORBIDDEN");
    expect(await codeOf(createBackend(keyActor("runtime"), vllm))).toBe("FORBIDDEN");
    expect(await codeOf(createBackend({ kind: "anonymous" }, vllm))).toBe("UNAUTHORIZED");

    const created = await createBackend(operator, vllm);
    expect((await listBackends(viewer)).data).toHaveLength(1);
    expect(await codeOf(updateBackend(viewer, created.id, { enabled: false }))).toBe("FORBIDDEN");
    expect(await codeOf(deleteBackend(viewer, created.id))).toBe("FORBIDDEN");
    expect(await codeOf(listBackends(keyActor("runtime")))).toBe("FORBIDDEN");
    await deleteBackend(keyActor("admin"), created.id);
  });

  test("changes take effect for the next request at once", async () => {
    /** The backend a request for the model is admitted to (null: retrieval-only, no backend). */
    const admittedTo = async (model: string) => {
      const ticket = await admitRequest({
        models: [model],
        sessionKey: null,
        signal: new AbortController().signal,
      });
      if (!ticket) return null;
      const lease = await ticket.lease;
      lease.release({ cancelled: true });
      return lease.backend.id;
    };
    const created = await createBackend(master, vllm);
    expect(await admittedTo("gpt-oss-20b")).toBe(created.id);

    await updateBackend(master, created.id, { models: ["gpt-oss-120b"] });
    expect(await codeOf(admittedTo("gpt-oss-20b"))).toBe("NO_BACKEND");

    await updateBackend(master, created.id, { enabled: false });
    expect(await admittedTo("gpt-oss-120b")).toBeNull();
  });
});

describe("API keys", () => {
  let fake: FakeOpenAiServer;

  beforeEach(async () => {
    fake = await fakeOpenAiServer([
      fakeChunk({ role: "assistant", content: "Hello" }),
      fakeChunk({}, "stop"),
    ]);
    await createChatAssistant("support", { model: "fake-model" });
  });

  afterEach(async () => {
    await fake.close();
    vi.unstubAllEnvs();
  });

  const askOnce = async () => {
    const response = await askAssistant(
      master,
      "support",
      { message: "Hi", reasoning: false },
      new AbortController().signal,
    );
    expect(response.answer).toBe("Hello");
    return fake.requests.at(-1)?.headers.authorization;
  };

  test("are stored sealed, never returned, and opened for the engine", async () => {
    const secret = "sk-backend-secret-0123456789";
    const created: BackendDto = await createBackend(master, {
      name: "keyed",
      kind: "openai_compatible",
      base_url: fake.baseUrl,
      models: ["fake-model"],
      api_key: secret,
    });

    expect(created.has_api_key).toBe(true);
    expect(JSON.stringify(created)).not.toContain(secret);
    const row = await getDb().backend.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.apiKeyEncrypted).toMatch(/^v1\./);
    expect(row.apiKeyEncrypted).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(openSecret(row.apiKeyEncrypted!)).toBe(secret);

    expect(await askOnce()).toBe(`Bearer ${secret}`);

    // A new key replaces the engine's; clearing it stops sending one.
    await updateBackend(master, created.id, { api_key: "sk-rotated" });
    expect(await askOnce()).toBe("Bearer sk-rotated");
    const cleared = await updateBackend(master, created.id, { api_key: null });
    expect(cleared.has_api_key).toBe(false);
    expect(await askOnce()).toBeUndefined();
  });

  test("may be read from a named HEARTH_BACKEND_KEY_ environment variable instead", async () => {
    vi.stubEnv("HEARTH_BACKEND_KEY_TEST", "sk-from-env");
    const created = await createBackend(master, {
      name: "env-keyed",
      kind: "openai_compatible",
      base_url: fake.baseUrl,
      models: ["fake-model"],
      api_key_env: "HEARTH_BACKEND_KEY_TEST",
    });
    expect(created).toMatchObject({ has_api_key: true, api_key_env: "HEARTH_BACKEND_KEY_TEST" });
    expect(
      (await getDb().backend.findUniqueOrThrow({ where: { id: created.id } })).apiKeyEncrypted,
    ).toBeNull();
    expect(await askOnce()).toBe("Bearer sk-from-env");
  });
});

describe("seedBackendsFromEnv", () => {
  // env.ts reads process.env once, at import: each configuration gets fresh modules.
  async function seedWith(variables: Record<string, string>) {
    for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
    vi.resetModules();
    const { seedBackendsFromEnv } = await import("./seed-backends-from-env");
    return seedBackendsFromEnv;
  }

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  const rows = () => getDb().backend.findMany({ orderBy: { name: "asc" } });

  test("registers the sidecar and the GGUF from the environment, the same on every start", async () => {
    const seed = await seedWith({
      HEARTH_LLM_BASE_URL: "http://127.0.0.1:8000/v1",
      HEARTH_LLM_MODEL: "gpt-oss-120b",
      HEARTH_LLM_API_KEY: "sk-sidecar",
      HEARTH_LLAMA_MODEL_PATH: "/models/qwen3-0.6b.gguf",
    });
    await createBackend(master, vllm);

    await seed();
    const once = await rows();
    await seed();
    const twice = await rows();

    expect(twice.map((row) => row.id)).toEqual(once.map((row) => row.id));
    expect(twice).toHaveLength(3);
    const [llama, llm, admin] = twice;
    expect(llm).toMatchObject({
      id: "be_env_llm",
      name: "env-llm",
      kind: "openai_compatible",
      baseUrl: "http://127.0.0.1:8000/v1",
      models: ["gpt-oss-120b"],
      apiKeyEnv: "HEARTH_LLM_API_KEY",
      apiKeyEncrypted: null,
      source: "env",
      enabled: true,
    });
    expect(llama).toMatchObject({
      id: "be_env_llama",
      kind: "llama_cpp",
      modelPath: "/models/qwen3-0.6b.gguf",
      models: ["qwen3-0.6b"],
      source: "env",
      enabled: true,
    });
    expect(admin).toMatchObject({ name: "vllm", source: "admin", enabled: true });
  });

  test("follows the environment: a changed value updates, a removed one disables", async () => {
    await (
      await seedWith({
        HEARTH_LLM_BASE_URL: "http://127.0.0.1:8000/v1",
        HEARTH_LLAMA_MODEL_PATH: "/m/a.gguf",
      })
    )();
    await createBackend(master, vllm);
    vi.unstubAllEnvs();

    await (
      await seedWith({ HEARTH_LLM_BASE_URL: "http://10.0.0.2:8000/v1" })
    )();

    const [llama, llm, admin] = await rows();
    expect(llm).toMatchObject({ baseUrl: "http://10.0.0.2:8000/v1", enabled: true });
    expect(llama).toMatchObject({ name: "env-llama", enabled: false });
    expect(admin).toMatchObject({ name: "vllm", enabled: true });
  });

  test("with nothing configured it adds nothing", async () => {
    await (
      await seedWith({})
    )();
    expect(await rows()).toEqual([]);
  });
});
