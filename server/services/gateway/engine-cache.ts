// One engine per backend configuration, kept for the life of the process so HTTP keep-alive pools
// and loaded GGUF models are reused. A backend whose connection settings changed gets a fresh engine
// and the old one is closed (gracefully: requests running on it finish); other changes (models,
// enabled, draining) keep the engine. Backends added in the console or the API connect under the
// host allowlist and load models only from the models folder; those the deployer set in the
// environment do not (see isSetByDeployer). An engine that cannot be made fails with an
// EngineError or an AppError whose message is public and whose detail is for operators.
import { env } from "../../env";
import type { Backend } from "../../db/client";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { BACKEND_KEY_ENV_PREFIX, baseUrlProblem } from "../../schemas/backend";
import { checkedConnector } from "./backend-connector";
import { confinedModelPath, modelPathRule } from "./model-path";
import { openSecret } from "../../security/secret-box";
import { isSetByDeployer } from "./deployer-backends";
import { EngineError, PUBLIC_UPSTREAM_MESSAGE, type Engine } from "./engines/engine";
import { createOpenAiCompatibleEngine } from "./engines/openai-compatible-engine";

// On globalThis: Next.js bundles this module into several chunks, and one copy per chunk would load
// a GGUF model (or open a connection pool) once per copy.
type EngineEntry = { version: string; engine: Promise<Engine> };
const globals = globalThis as unknown as {
  hearthEngines?: Map<string, EngineEntry>;
  hearthRefusedKeyRefs?: Set<string>;
};
const engines: Map<string, EngineEntry> = (globals.hearthEngines ??= new Map<string, EngineEntry>());
const refusedKeyRefs: Set<string> = (globals.hearthRefusedKeyRefs ??= new Set<string>());

/** What an engine is made from; a change here needs a new engine. */
function engineVersion(backend: Backend): string {
  return JSON.stringify([
    backend.kind,
    backend.baseUrl,
    backend.modelPath,
    backend.apiKeyEncrypted,
    backend.apiKeyEnv,
    backend.maxConcurrency,
    backend.source,
  ]);
}

/**
 * Why a backend's api_key_env is not read, or null: only HEARTH_BACKEND_KEY_* names are (a row
 * saved before that rule may name anything), and HEARTH_LLM_API_KEY only for the sidecar exactly
 * as the environment set it.
 */
export function apiKeyRefusal(backend: Backend): string | null {
  const name = backend.apiKeyEnv;
  if (!name || backend.apiKeyEncrypted) return null;
  if (name === "HEARTH_LLM_API_KEY" && isSetByDeployer(backend)) return null;
  if (name.startsWith(BACKEND_KEY_ENV_PREFIX)) return null;
  return `the key reference api_key_env=${name} is refused (only ${BACKEND_KEY_ENV_PREFIX}* variables may be named): no key is sent until an admin sets api_key or api_key_env again`;
}

export function backendApiKey(backend: Backend): string | null {
  if (backend.apiKeyEncrypted) return openSecret(backend.apiKeyEncrypted);
  const name = backend.apiKeyEnv;
  if (!name) return null;
  const refusal = apiKeyRefusal(backend);
  if (refusal) {
    const once = `${backend.id}:${name}`;
    if (!refusedKeyRefs.has(once)) {
      refusedKeyRefs.add(once);
      logger.warn({ backend: backend.name }, `backend ${backend.name}: ${refusal}`);
    }
    return null;
  }
  if (name === "HEARTH_LLM_API_KEY") return env.HEARTH_LLM_API_KEY ?? null;
  return env.extra(name);
}

/** The URL an engine or probe uses: a stored URL's user and password (older rows) never leave. */
export function connectableBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (!url.username && !url.password) return baseUrl;
  url.username = "";
  url.password = "";
  return url.toString();
}

/**
 * Why a stored base URL is not used, or null. Rows saved before the URL rules may carry a query or
 * fragment (which would move `/chat/completions` out of the path); credentials are only dropped.
 */
export function storedBaseUrlRefusal(backend: Backend): string | null {
  if (!backend.baseUrl || isSetByDeployer(backend)) return null;
  const problem = baseUrlProblem(connectableBaseUrl(backend.baseUrl));
  return problem ? `its base_url ${problem}; an operator must save it again` : null;
}

/** A backend that cannot serve as configured: nothing of it reaches the caller but the code. */
function misconfigured(backend: Backend, detail: string): AppError {
  return new AppError("UPSTREAM_ERROR", PUBLIC_UPSTREAM_MESSAGE, {
    detail: `backend ${backend.name}: ${detail}`,
  });
}

async function createEngine(backend: Backend): Promise<Engine> {
  const deployerSet = isSetByDeployer(backend);
  if (backend.kind === "openai_compatible") {
    if (!backend.baseUrl) throw misconfigured(backend, "it has no base URL");
    const urlRefusal = storedBaseUrlRefusal(backend);
    if (urlRefusal) throw misconfigured(backend, urlRefusal);
    let apiKey: string | null;
    try {
      apiKey = backendApiKey(backend);
    } catch (error) {
      throw misconfigured(backend, error instanceof Error ? error.message : "its API key cannot be read");
    }
    return createOpenAiCompatibleEngine({
      baseUrl: connectableBaseUrl(backend.baseUrl),
      apiKey,
      connectTimeoutMs: env.HEARTH_LLM_CONNECT_TIMEOUT_MS,
      firstTokenTimeoutMs: env.HEARTH_LLM_FIRST_TOKEN_TIMEOUT_MS,
      idleTimeoutMs: env.HEARTH_LLM_IDLE_TIMEOUT_MS,
      totalTimeoutMs: env.HEARTH_LLM_TOTAL_TIMEOUT_MS,
      ...(deployerSet ? {} : { connect: checkedConnector({ timeout: env.HEARTH_LLM_CONNECT_TIMEOUT_MS }) }),
    });
  }
  if (!backend.modelPath) throw misconfigured(backend, "it has no model file");
  // Checked again at load time: the folder's contents (a symlink) may have changed since the save.
  if (!deployerSet && !(await confinedModelPath(backend.modelPath))) {
    throw new EngineError("upstream", `The model was not loaded: ${modelPathRule()}`);
  }
  const { createLlamaCppEngine } = await import("./engines/llama-cpp-engine");
  return createLlamaCppEngine({
    modelPath: backend.modelPath,
    sequences: backend.maxConcurrency,
    threads: env.HEARTH_LLAMA_THREADS,
  });
}

export function engineFor(backend: Backend): Promise<Engine> {
  const version = engineVersion(backend);
  const cached = engines.get(backend.id);
  if (cached?.version === version) return cached.engine;
  // The promise is what is cached, so concurrent first requests share one engine (one connection
  // pool, one llama.cpp context) instead of each making one and all but the last leaking.
  const engine = createEngine(backend);
  engines.set(backend.id, { version, engine });
  engine.catch(() => {
    if (engines.get(backend.id)?.engine === engine) engines.delete(backend.id);
  });
  if (cached) void cached.engine.then((old) => old.close?.()).catch(() => undefined);
  return engine;
}

/** Closes a removed backend's engine (its connection pool or loaded model). */
export function closeEngine(backendId: string): void {
  const cached = engines.get(backendId);
  if (!cached) return;
  engines.delete(backendId);
  void cached.engine.then((engine) => engine.close?.()).catch(() => undefined);
}
