// One engine per backend configuration, kept for the life of the process so HTTP keep-alive pools
// and loaded GGUF models are reused. A changed backend (new updatedAt) gets a fresh engine and the
// old one is closed.
import type { Backend } from "../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";
import { openSecret } from "../backends/secret-box";
import type { Engine } from "./engines/engine";
import { createOpenAiCompatibleEngine } from "./engines/openai-compatible-engine";

const engines = new Map<string, { version: number; engine: Promise<Engine> }>();

function backendApiKey(backend: Backend): string | null {
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
  const version = backend.updatedAt.getTime();
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
