// The backend registry's security review (issue 13, items 1, 5, 7 and 10), each attack replayed
// against real loopback servers that record what Hearth sends them: an environment variable sent
// out as a key, a stored key moved to another URL, base URLs and hosts that reach internal
// services (at save time and at connect time, DNS rebinding included), redirects, a model path
// that reads any file, and credentials inside a base URL.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { getDb } from "../../db/client";
import { env } from "../../env";
import type { AppError } from "../../errors";
import { logger } from "../../logger";
import { createBackendInputSchema, updateBackendInputSchema } from "../../schemas/backend";
import { createUserActor, keyActor, master } from "../../test/actors";
import { captureServer, type CaptureServer } from "../../test/capture-server";
import { createChatAssistant, fakeChunk } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { testEnv } from "../../test/test-env";
import { askAssistant } from "../runtime/ask-assistant";
import { probeBackend } from "../gateway/health/probe-backend";
import { updateInstanceSettings } from "../settings/update-instance-settings";
import { setHostResolver, type ResolvedAddress } from "../gateway/backend-connector";
import { createBackend } from "./create-backend";
import { getBackend, listBackends } from "./list-backends";
import { updateBackend } from "./update-backend";

const servers: CaptureServer[] = [];

/** A model server that streams "Hello": what a working backend answers. */
async function modelServer(): Promise<CaptureServer> {
  const server = await captureServer((request, response) => {
    if (!request.path.endsWith("/chat/completions")) {
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
      return;
    }
    response.writeHead(200, { "content-type": "text/event-stream" });
    response.write(`data: ${JSON.stringify(fakeChunk({ role: "assistant", content: "Hello" }))}\n\n`);
    response.end(`data: ${JSON.stringify(fakeChunk({}, "stop"))}\n\ndata: [DONE]\n\n`);
  });
  servers.push(server);
  return server;
}

/** A server an attacker controls: it records every request and answers 200. */
async function attackerServer(): Promise<CaptureServer> {
  const server = await captureServer();
  servers.push(server);
  return server;
}

afterEach(async () => {
  setHostResolver(null);
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const failure = (promise: Promise<unknown>) => rejectionOf<AppError>(promise);
const authorizationsSeenBy = (server: CaptureServer) =>
  server.requests.map((request) => request.headers.authorization).filter(Boolean);
const row = (id: string) => getDb().backend.findUniqueOrThrow({ where: { id } });
const ask = (assistantId: string) =>
  askAssistant(master, assistantId, { message: "Hi", reasoning: false }, new AbortController().signal);

describe("item 1: api_key_env cannot send Hearth's own settings", () => {
  test("the review's attack: an operator naming HEARTH_MASTER_KEY (and the others) gets nothing sent", async () => {
    const attacker = await attackerServer();
    const operator = await createUserActor("operator");
    for (const name of ["HEARTH_MASTER_KEY", "HEARTH_AUTH_SECRET", "DATABASE_URL", "ADMIN_PASSWORD"]) {
      const input = {
        name: `steal-${name.toLowerCase().replace(/_/g, "-")}`,
        kind: "openai_compatible" as const,
        base_url: `${attacker.origin}/v1`,
        models: ["m"],
        api_key_env: name,
      };
      // Refused by the schema (REST and tRPC parse with it)...
      expect(createBackendInputSchema.safeParse(input).success).toBe(false);
      // ... by the service for an operator (FORBIDDEN, whatever the name) ...
      const denied = await failure(createBackend(operator, input));
      expect(denied.code).toBe("FORBIDDEN");
      expect(denied.message).toMatch(/Only admins may set or change api_key_env/);
      // ... and for an admin too: not a HEARTH_BACKEND_KEY_ name.
      const invalid = await failure(createBackend(master, input));
      expect(invalid.code).toBe("INVALID_INPUT");
      expect(invalid.message).toMatch(/HEARTH_BACKEND_KEY_/);
    }
    expect(await getDb().backend.count()).toBe(0);
    expect(attacker.requests).toEqual([]);
  });

  test("a row saved before the rule naming HEARTH_AUTH_SECRET sends no key, warns once, and says why", async () => {
    const attacker = await attackerServer();
    const warn = vi.spyOn(logger, "warn");
    const stored = await getDb().backend.create({
      data: {
        id: "be_old_row",
        name: "old",
        kind: "openai_compatible",
        baseUrl: `${attacker.origin}/v1`,
        models: ["old-model"],
        apiKeyEnv: "HEARTH_AUTH_SECRET",
      },
    });
    await createChatAssistant("old", { model: "old-model" });

    const probe = await probeBackend(stored, 1_000);
    expect(probe.ok).toBe(false);
    expect(!probe.ok && probe.reason).toMatch(/api_key_env=HEARTH_AUTH_SECRET is refused/);
    await probeBackend(stored, 1_000);
    await ask("old").catch(() => undefined);

    const sent = JSON.stringify(attacker.requests);
    expect(sent).not.toContain(testEnv.HEARTH_AUTH_SECRET);
    expect(authorizationsSeenBy(attacker)).toEqual([]);
    const warnings = warn.mock.calls.filter((call) => String(call[1]).includes("HEARTH_AUTH_SECRET"));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(testEnv.HEARTH_AUTH_SECRET);
  });

  test("env.extra reads HEARTH_BACKEND_KEY_* variables only", () => {
    vi.stubEnv("HEARTH_BACKEND_KEY_VLLM", "sk-vllm");
    expect(env.extra("HEARTH_BACKEND_KEY_VLLM")).toBe("sk-vllm");
    expect(env.extra("HEARTH_BACKEND_KEY_UNSET")).toBeNull();
    for (const name of [
      "HEARTH_MASTER_KEY",
      "HEARTH_AUTH_SECRET",
      "DATABASE_URL",
      "PATH",
      "HEARTH_BACKEND_KEY",
    ]) {
      expect(() => env.extra(name)).toThrow(/HEARTH_BACKEND_KEY_/);
    }
  });

  test("only admins (role, admin key, master key) set or change api_key_env; operators keep api_key", async () => {
    vi.stubEnv("HEARTH_BACKEND_KEY_TEST", "sk-env");
    const server = await modelServer();
    const input = {
      kind: "openai_compatible" as const,
      base_url: `${server.origin}/v1`,
      models: ["m"],
      api_key_env: "HEARTH_BACKEND_KEY_TEST",
    };
    const operator = await createUserActor("operator");
    const admin = await createUserActor("admin");
    expect((await failure(createBackend(operator, { ...input, name: "op" }))).code).toBe("FORBIDDEN");
    for (const [name, actor] of [
      ["by-admin", admin],
      ["by-admin-key", keyActor("admin")],
      ["by-master", master],
    ] as const) {
      expect(await createBackend(actor, { ...input, name })).toMatchObject({
        has_api_key: true,
        api_key_env: "HEARTH_BACKEND_KEY_TEST",
      });
    }
    const { id } = await createBackend(operator, { ...input, api_key_env: undefined, name: "op-keyed" });
    expect(
      (await failure(updateBackend(operator, id, { api_key_env: "HEARTH_BACKEND_KEY_TEST" }))).code,
    ).toBe("FORBIDDEN");
    expect((await failure(updateBackend(operator, id, { api_key_env: null }))).code).toBe("FORBIDDEN");
    expect(await updateBackend(operator, id, { api_key: "sk-typed" })).toMatchObject({ has_api_key: true });
    expect((await row(id)).apiKeyEnv).toBeNull();
  });

  test("a stored key does not follow a new URL: the request must send it again (or null)", async () => {
    const legit = await modelServer();
    const attacker = await attackerServer();
    const secret = "sk-stored-backend-secret";
    const keyed = await createBackend(master, {
      name: "keyed",
      kind: "openai_compatible",
      base_url: `${legit.origin}/v1`,
      models: ["m"],
      api_key: secret,
    });
    const operator = await createUserActor("operator");

    const refused = await failure(updateBackend(operator, keyed.id, { base_url: `${attacker.origin}/v1` }));
    expect(refused.code).toBe("INVALID_INPUT");
    expect(refused.message).toMatch(/send api_key \(or api_key_env\) again, or null/);
    expect((await row(keyed.id)).baseUrl).toBe(`${legit.origin}/v1`);
    // Even an update that changes other fields with the URL is refused as a whole.
    expect(
      (await failure(updateBackend(operator, keyed.id, { base_url: `${attacker.origin}/v1`, models: ["x"] })))
        .code,
    ).toBe("INVALID_INPUT");

    // Moved with null: the key is gone, and the new server never sees it.
    const moved = await updateBackend(operator, keyed.id, {
      base_url: `${attacker.origin}/v1`,
      api_key: null,
    });
    expect(moved.has_api_key).toBe(false);
    await probeBackend(await row(keyed.id), 1_000);
    expect(attacker.requests.length).toBeGreaterThan(0);
    expect(JSON.stringify(attacker.requests)).not.toContain(secret);
    expect(authorizationsSeenBy(attacker)).toEqual([]);
  });

  test("a key referenced by name is dropped by a URL change that does not name it again", async () => {
    vi.stubEnv("HEARTH_BACKEND_KEY_PROD", "sk-prod-env-key");
    const legit = await modelServer();
    const attacker = await attackerServer();
    const referenced = await createBackend(master, {
      name: "referenced",
      kind: "openai_compatible",
      base_url: `${legit.origin}/v1`,
      models: ["m"],
      api_key_env: "HEARTH_BACKEND_KEY_PROD",
    });
    const operator = await createUserActor("operator");
    expect(
      (await failure(updateBackend(operator, referenced.id, { base_url: `${attacker.origin}/v1` }))).code,
    ).toBe("INVALID_INPUT");
    // The operator's own key replaces the reference along with the URL.
    await updateBackend(operator, referenced.id, {
      base_url: `${attacker.origin}/v1`,
      api_key: "sk-operator",
    });
    expect(await row(referenced.id)).toMatchObject({ apiKeyEnv: null });
    await probeBackend(await row(referenced.id), 1_000);
    expect(JSON.stringify(attacker.requests)).not.toContain("sk-prod-env-key");
    expect(authorizationsSeenBy(attacker).length).toBeGreaterThan(0);
    expect(authorizationsSeenBy(attacker).every((header) => header === "Bearer sk-operator")).toBe(true);
  });
});

describe("the env-seeded sidecar keeps its key, exactly where the environment points it", () => {
  test("env-llm sends HEARTH_LLM_API_KEY to HEARTH_LLM_BASE_URL only", async () => {
    const sidecar = await modelServer();
    const attacker = await attackerServer();
    vi.stubEnv("HEARTH_LLM_BASE_URL", `${sidecar.origin}/v1`);
    vi.stubEnv("HEARTH_LLM_API_KEY", "sk-sidecar-key");
    // env.ts reads process.env once, at import: fresh modules see the stubbed environment.
    vi.resetModules();
    const { seedBackendsFromEnv } = await import("./seed-backends-from-env");
    const { probeBackend: probe } = await import("../gateway/health/probe-backend");
    const { updateBackend: update } = await import("./update-backend");
    await seedBackendsFromEnv();

    expect((await probe(await row("be_env_llm"), 1_000)).ok).toBe(true);
    expect(authorizationsSeenBy(sidecar)).toContain("Bearer sk-sidecar-key");

    // Pointed elsewhere from the console, it is no longer the deployer's backend: no key goes along.
    const operator = await createUserActor("operator");
    expect((await failure(update(operator, "be_env_llm", { base_url: `${attacker.origin}/v1` }))).code).toBe(
      "INVALID_INPUT",
    );
    await update(operator, "be_env_llm", { base_url: `${attacker.origin}/v1`, api_key: null });
    await probe(await row("be_env_llm"), 1_000);
    expect(attacker.requests.length).toBeGreaterThan(0);
    expect(JSON.stringify(attacker.requests)).not.toContain("sk-sidecar-key");
    vi.resetModules();
  });
});

describe("item 5: base URLs and hosts", () => {
  test.each([
    ["ftp://127.0.0.1/v1", /http/],
    ["file:///etc/passwd", /http/],
    ["http://user:pass@127.0.0.1:8000/v1", /user or password/],
    ["http://user@127.0.0.1:8000/v1", /user or password/],
    ["http://@127.0.0.1:8000/v1", /user or password/],
    ["http://127.0.0.1:8000/v1?x=", /query/],
    ["http://127.0.0.1:8000/v1?", /query/],
    ["http://127.0.0.1:8000/v1#frag", /fragment/],
    ["http://127.0.0.1:8000/v1#", /fragment/],
    ["not a url", /http/],
  ])("%s is refused, naming base_url", async (baseUrl, reason) => {
    const input = { name: "bad", kind: "openai_compatible" as const, base_url: baseUrl, models: ["m"] };
    const parsed = createBackendInputSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["base_url"],
      message: expect.stringMatching(reason) as string,
    });
    expect(updateBackendInputSchema.safeParse({ base_url: baseUrl }).success).toBe(false);
    // The service refuses it too (the CLI and other callers skip the schema).
    const error = await failure(createBackend(master, input));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.details).toEqual([{ path: "base_url", message: expect.stringMatching(reason) as string }]);
  });

  test.each([
    ["http://169.254.169.254/latest/meta-data", /link-local/],
    ["http://[::ffff:169.254.169.254]/v1", /link-local/],
    ["http://[fe80::1]/v1", /link-local/],
    ["http://0.0.0.0:8000/v1", /unspecified/],
    ["http://224.0.0.1/v1", /multicast/],
    ["http://8.8.8.8/v1", /not in the backend host allowlist/],
    ["http://100.64.0.1/v1", /not in the backend host allowlist/],
  ])("the default allowlist refuses %s when the backend is saved", async (baseUrl, reason) => {
    const error = await failure(
      createBackend(master, {
        name: "internal",
        kind: "openai_compatible",
        base_url: baseUrl,
        models: ["m"],
      }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(reason);
    expect(error.details).toEqual([{ path: "base_url", message: expect.stringMatching(reason) as string }]);
  });

  test("the default allowlist accepts loopback and private addresses, and names that resolve to them", async () => {
    setHostResolver(async (host) =>
      host === "vllm.internal" ? [{ address: "10.0.0.7", family: 4 }] : [{ address: "127.0.0.1", family: 4 }],
    );
    for (const [name, baseUrl] of [
      ["loop", "http://127.0.0.1:8000/v1"],
      ["loop6", "http://[::1]:8000/v1"],
      ["ten", "http://10.1.2.3:8000/v1"],
      ["one-seven-two", "http://172.20.0.5:8000/v1"],
      ["one-nine-two", "http://192.168.1.10:8000/v1"],
      ["ula", "http://[fd00::5]:8000/v1"],
      ["named", "http://vllm.internal:8000/v1"],
      ["localhost", "http://localhost:8000/v1"],
    ] as const) {
      await createBackend(master, { name, kind: "openai_compatible", base_url: baseUrl, models: ["m"] });
    }
    expect(await getDb().backend.count()).toBe(8);
  });

  test("a name is judged by what it resolves to: metadata, a public address, a rebinding mix", async () => {
    const answers: Record<string, ResolvedAddress[]> = {
      "metadata.example.com": [{ address: "169.254.169.254", family: 4 }],
      "public.example.com": [{ address: "93.184.216.34", family: 4 }],
      "rebind.example.com": [
        { address: "10.0.0.9", family: 4 },
        { address: "169.254.169.254", family: 4 },
      ],
    };
    setHostResolver(async (host) => {
      const found = answers[host];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
      return found;
    });
    const save = (host: string) =>
      failure(
        createBackend(master, {
          name: host.split(".")[0]!,
          kind: "openai_compatible",
          base_url: `http://${host}/v1`,
          models: ["m"],
        }),
      );
    expect((await save("metadata.example.com")).message).toMatch(/169\.254\.169\.254.*link-local/);
    expect((await save("public.example.com")).message).toMatch(
      /93\.184\.216\.34.*not in the backend host allowlist/,
    );
    expect((await save("rebind.example.com")).message).toMatch(/link-local/);
    expect((await save("nowhere.example.com")).message).toMatch(/could not be resolved/);

    // An admin allows the domain: the public name passes; metadata stays refused whatever the list says.
    await updateInstanceSettings(await createUserActor("admin"), {
      backend_allowed_hosts: ["loopback", "private", "*.example.com"],
    });
    await createBackend(master, {
      name: "public",
      kind: "openai_compatible",
      base_url: "http://public.example.com/v1",
      models: ["m"],
    });
    expect((await save("metadata.example.com")).message).toMatch(/link-local/);
  });

  test("at connect time (DNS rebinding): a name that resolved to an allowed address at save time but now resolves to a refused one is not connected to", async () => {
    // The internal service the attacker wants to reach listens on loopback; the allowlist has no loopback.
    const internal = await attackerServer();
    await updateInstanceSettings(await createUserActor("admin"), { backend_allowed_hosts: ["private"] });
    let answer = "10.0.0.7";
    setHostResolver(async () => [{ address: answer, family: 4 }]);
    const backend = await createBackend(master, {
      name: "rebinding",
      kind: "openai_compatible",
      base_url: `http://model.internal:${internal.port}/v1`,
      models: ["rebind-model"],
    });
    await createChatAssistant("rebind", { model: "rebind-model" });

    answer = "127.0.0.1"; // the name now points at the internal service
    const probe = await probeBackend(await row(backend.id), 1_000);
    expect(!probe.ok && probe.reason).toMatch(/127\.0\.0\.1.*not in the backend host allowlist/);
    const error = await failure(ask("rebind"));
    expect(error.code).toBe("UPSTREAM_ERROR");
    expect(error.message).toBe("The model server could not answer this request");
    expect(internal.requests).toEqual([]);
    const stored = await getDb().message.findFirstOrThrow({
      where: { assistantId: "rebind", role: "assistant" },
    });
    expect(stored.errorDetail).toMatch(
      /model\.internal resolves to 127\.0\.0\.1.*not in the backend host allowlist/,
    );

    // The same name and server, allowed: the connection goes through the checked lookup and works.
    await updateInstanceSettings(await createUserActor("admin"), {
      backend_allowed_hosts: ["private", "loopback"],
    });
    expect((await probeBackend(await row(backend.id), 1_000)).ok).toBe(true);
    expect(internal.requests.map((request) => request.path)).toContain("/health");
  });

  test("an IP literal saved before the allowlist (a stored row) is refused at connect time too", async () => {
    const internal = await attackerServer();
    await updateInstanceSettings(await createUserActor("admin"), { backend_allowed_hosts: ["private"] });
    const stored = await getDb().backend.create({
      data: {
        id: "be_literal",
        name: "literal",
        kind: "openai_compatible",
        baseUrl: `${internal.origin}/v1`,
        models: ["lit"],
      },
    });
    await createChatAssistant("literal", { model: "lit" });
    const probe = await probeBackend(stored, 1_000);
    expect(!probe.ok && probe.reason).toMatch(/127\.0\.0\.1 is not in the backend host allowlist/);
    expect((await failure(ask("literal"))).code).toBe("UPSTREAM_ERROR");
    expect(internal.requests).toEqual([]);
  });

  test("a row saved before the URL rules with a query is not used (the path would move into the query)", async () => {
    const server = await attackerServer();
    const stored = await getDb().backend.create({
      data: {
        id: "be_query",
        name: "query",
        kind: "openai_compatible",
        baseUrl: `${server.origin}/admin/delete?x=`,
        models: ["q"],
      },
    });
    await createChatAssistant("query", { model: "q" });
    const probe = await probeBackend(stored, 1_000);
    expect(!probe.ok && probe.reason).toMatch(/query string/);
    expect((await failure(ask("query"))).code).toBe("UPSTREAM_ERROR");
    expect(server.requests).toEqual([]);
  });

  test("redirects are never followed, by the engine or the probes", async () => {
    const target = await attackerServer();
    const redirector = await captureServer((request, response) =>
      response.writeHead(302, { location: `${target.origin}${request.path}` }).end(),
    );
    servers.push(redirector);
    const backend = await createBackend(master, {
      name: "redirecting",
      kind: "openai_compatible",
      base_url: `${redirector.origin}/v1`,
      models: ["redirect-model"],
      api_key: "sk-redirected",
      probe_generation: true,
    });
    await createChatAssistant("redirect", { model: "redirect-model" });

    const probe = await probeBackend(await row(backend.id), 1_000);
    expect(!probe.ok && probe.reason).toMatch(/302/);
    const error = await failure(ask("redirect"));
    expect(error.code).toBe("UPSTREAM_ERROR");
    expect(redirector.requests.map((request) => request.path)).toEqual(
      expect.arrayContaining(["/health", "/v1/chat/completions"]),
    );
    expect(target.requests).toEqual([]);
  });
});

describe("item 7: model paths stay in the models folder", () => {
  let outside: string;

  beforeEach(async () => {
    await mkdir(env.modelsDir, { recursive: true });
    outside = await mkdtemp(path.join(tmpdir(), "hearth-outside-"));
  });

  afterEach(async () => {
    await rm(outside, { recursive: true, force: true });
    await rm(env.modelsDir, { recursive: true, force: true });
  });

  const llama = (modelPath: string) => ({
    name: "local",
    kind: "llama_cpp" as const,
    model_path: modelPath,
    models: ["local-model"],
  });

  test("paths outside the folder, through symlinks, or not .gguf are refused with one message", async () => {
    const secretFile = path.join(outside, "secret.gguf");
    await writeFile(secretFile, testEnv.HEARTH_AUTH_SECRET);
    await symlink(secretFile, path.join(env.modelsDir, "link.gguf"));
    await symlink(outside, path.join(env.modelsDir, "dir"));
    await writeFile(path.join(env.modelsDir, "notes.txt"), "hello");
    const messages = new Set<string>();
    for (const modelPath of [
      "/etc/passwd",
      secretFile, // exists, outside
      path.join(outside, "missing.gguf"), // does not exist, outside
      "../secret.gguf",
      "link.gguf", // inside, but a link to a file outside
      "dir/secret.gguf", // inside, through a linked folder
      "notes.txt", // inside, not a GGUF
      "missing.gguf", // inside, does not exist
    ]) {
      const error = await failure(createBackend(master, llama(modelPath)));
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.details).toEqual([{ path: "model_path", message: expect.any(String) as string }]);
      messages.add(error.message);
    }
    // The same words whether the file exists or not: no oracle.
    expect([...messages]).toEqual([
      `Invalid model_path: model_path must name a .gguf file inside the models folder (HEARTH_MODELS_DIR: ${env.modelsDir})`,
    ]);
    expect(await getDb().backend.count()).toBe(0);
  });

  test("a file inside the folder, directly or through a link that stays inside, is accepted", async () => {
    await writeFile(path.join(env.modelsDir, "tiny.gguf"), "GGUF");
    await mkdir(path.join(env.modelsDir, "v2"));
    await symlink(path.join(env.modelsDir, "tiny.gguf"), path.join(env.modelsDir, "v2", "current.gguf"));
    expect((await createBackend(master, llama("tiny.gguf"))).model_path).toBe(
      path.join(env.modelsDir, "tiny.gguf"),
    );
    const linked = await createBackend(master, {
      ...llama(path.join(env.modelsDir, "v2", "current.gguf")),
      name: "linked",
    });
    expect(linked.model_path).toBe(path.join(env.modelsDir, "v2", "current.gguf"));
    const local = await createBackend(master, { ...llama("tiny.gguf"), name: "moved" });
    expect((await failure(updateBackend(master, local.id, { model_path: "/etc/hosts" }))).code).toBe(
      "INVALID_INPUT",
    );
  });

  test("a row saved before the rule, pointing at a secret, is not loaded and nothing quotes its bytes", async () => {
    const secretFile = path.join(outside, "auth.gguf");
    const secret = "QZXW-a-secret-value-0123456789";
    await writeFile(secretFile, secret);
    const stored = await getDb().backend.create({
      data: {
        id: "be_old_llama",
        name: "old-llama",
        kind: "llama_cpp",
        modelPath: secretFile,
        models: ["old-llama"],
      },
    });
    await createChatAssistant("oldllama", { model: "old-llama" });
    const logged = [vi.spyOn(logger, "warn"), vi.spyOn(logger, "error"), vi.spyOn(logger, "info")];

    const probe = await probeBackend(stored, 5_000);
    expect(!probe.ok && probe.reason).toMatch(/inside the models folder/);
    const error = await failure(ask("oldllama"));
    expect(error.message).toBe("The model server could not answer this request");
    const answer = await getDb().message.findFirstOrThrow({
      where: { assistantId: "oldllama", role: "assistant" },
    });

    const head = secret.slice(0, 4);
    for (const text of [
      !probe.ok ? probe.reason : "",
      error.message,
      answer.errorMessage ?? "",
      answer.errorDetail ?? "",
      JSON.stringify(logged.flatMap((spy) => spy.mock.calls)),
    ]) {
      expect(text).not.toContain(head);
    }
  });
});

describe("item 10: credentials inside a base URL", () => {
  test("a row holding them is shown redacted to every role and never sends them", async () => {
    const server = await modelServer();
    const stored = await getDb().backend.create({
      data: {
        id: "be_creds",
        name: "creds",
        kind: "openai_compatible",
        baseUrl: `http://admin:hunter2-password@127.0.0.1:${server.port}/v1`,
        models: ["creds-model"],
      },
    });
    const viewer = await createUserActor("viewer");
    for (const actor of [viewer, await createUserActor("operator"), master, keyActor("admin")]) {
      const listed = await listBackends(actor);
      expect(JSON.stringify(listed)).not.toContain("hunter2");
      expect(listed.data[0]?.base_url).toBe(`http://redacted@127.0.0.1:${server.port}/v1`);
      expect((await getBackend(actor, stored.id)).base_url).not.toContain("hunter2");
    }
    const warn = vi.spyOn(logger, "warn");
    await createChatAssistant("creds", { model: "creds-model" });
    expect((await ask("creds")).answer).toBe("Hello");
    await probeBackend(stored, 1_000);
    expect(JSON.stringify(server.requests)).not.toContain("hunter2");
    expect(authorizationsSeenBy(server)).toEqual([]);
    expect(JSON.stringify(warn.mock.calls)).not.toContain("hunter2");
  });
});
