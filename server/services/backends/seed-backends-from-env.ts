import path from "node:path";
import { getDb } from "../../db/client";
import { env } from "../../env";
import { logger } from "../../logger";
import { forgetBackends } from "../gateway/backend-cache";

/**
 * Start-up task: registers the backends the environment names — the vLLM sidecar
 * (HEARTH_LLM_BASE_URL + HEARTH_LLM_MODEL) and an in-process GGUF (HEARTH_LLAMA_MODEL_PATH) —
 * and keeps them in step with it. Backends added in the console are left alone.
 */
export async function seedBackendsFromEnv(): Promise<void> {
  const db = getDb();
  const wanted: { name: string; data: Parameters<typeof db.backend.create>[0]["data"] }[] = [];
  if (env.HEARTH_LLM_BASE_URL) {
    wanted.push({
      name: "env-llm",
      data: {
        id: "be_env_llm",
        name: "env-llm",
        kind: "openai_compatible",
        baseUrl: env.HEARTH_LLM_BASE_URL,
        models: [env.HEARTH_LLM_MODEL ?? env.defaultModel],
        apiKeyEnv: env.HEARTH_LLM_API_KEY ? "HEARTH_LLM_API_KEY" : null,
        // Set: applied at every start; unset: 16 at creation, then whatever the console sets.
        ...(env.HEARTH_LLM_MAX_CONCURRENCY ? { maxConcurrency: env.HEARTH_LLM_MAX_CONCURRENCY } : {}),
        source: "env",
      },
    });
  }
  if (env.HEARTH_LLAMA_MODEL_PATH) {
    const modelPath = path.resolve(env.HEARTH_LLAMA_MODEL_PATH);
    wanted.push({
      name: "env-llama",
      data: {
        id: "be_env_llama",
        name: "env-llama",
        kind: "llama_cpp",
        modelPath,
        models: [env.HEARTH_LLAMA_MODEL_NAME ?? path.basename(modelPath, ".gguf")],
        maxConcurrency: 4,
        source: "env",
      },
    });
  }
  // Keyed by the fixed id, so a backend renamed in the console is still found (and the
  // environment's settings, its name included, are applied again).
  for (const { data } of wanted) {
    const { id, ...update } = data;
    await db.backend.upsert({ where: { id }, create: data, update });
  }
  // An env backend whose variable was removed no longer serves: disable it, keep its history.
  await db.backend.updateMany({
    where: { source: "env", name: { notIn: wanted.map((entry) => entry.name) } },
    data: { enabled: false },
  });
  forgetBackends();
  if (wanted.length)
    logger.info({ backends: wanted.map((entry) => entry.name) }, "backends from the environment");
}
