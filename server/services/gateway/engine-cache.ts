// One engine per backend configuration, kept for the life of the process so HTTP keep-alive pools
// and loaded GGUF models are reused. A backend whose connection settings changed gets a fresh engine
// and the old one is closed (gracefully: requests running on it finish); other changes (models,
// enabled, draining) keep the engine.
import type { Backend } from "../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";
import { openSecret } from "../backends/secret-box";
import type { Engine } from "./engines/engine";
import { createOpenAiCompatibleEngine } from "./engines/openai-compatible-engine";

// On globalThis: Next.js bundles this module into several chunks, and one copy per chunk would load
// a GGUF model (or open a connection pool) once per copy.
type EngineEntry = { version: string; engine: Promise<Engine> };
const globals = globalThis as unknown as { hearthEngines?: Map<string, EngineEntry> };
const engines: Map<string, EngineEntry> = (globals.hearthEngines ??= new Map<string, EngineEntry>());

/** What an engine is made from; a change here needs a new engine. */
function engineVersion(backend: Backend): string {
  return JSON.stringify([
    backend.kind,
    backend.baseUrl,
    backend.modelPath,
    backend.apiKeyEncrypted,
    backend.apiKeyEnv,
    backend.maxConcurrency,
  ]);
}

export function backendApiKey(backend: Backend): string | null {
  if (backend.apiKeyEncrypted) return openSecret(backend.apiKeyEncrypted);
  if (backend.apiKeyEnv) return backendKeyFromEnv(backend.apiKeyEnv);
  return null;
}

function backendKeyFromEnv(name: string): string | null {
  // Only the sidecar's key is a documented variable; others are looked up by the name given.
  if (name === "HEARTH_LLM_API_KEY") return env.HEARTH_LLM_API_KEY ?? null;
  return env.extra(name);
}

async function createEngine(backend: Backend): Promise<Engine> {
  if (backend.kind === "openai_compatible") {
    if (!backend.baseUrl) throw new AppError("NO_BACKEND", `Backend '${backend.name}' has no base URL`);
    return createOpenAiCompatibleEngine({
      baseUrl: backend.baseUrl,
      apiKey: backendApiKey(backend),
      connectTimeoutMs: env.HEARTH_LLM_CONNECT_TIMEOUT_MS,
      firstTokenTimeoutMs: env.HEARTH_LLM_FIRST_TOKEN_TIMEOUT_MS,
      idleTimeoutMs: env.HEARTH_LLM_IDLE_TIMEOUT_MS,
      totalTimeoutMs: env.HEARTH_LLM_TOTAL_TIMEOUT_MS,
    });
  }
  if (!backend.modelPath) throw new AppError("NO_BACKEND", `Backend '${backend.name}' has no model file`);
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
