// Which backends the deployer set through the environment (HEARTH_LLM_BASE_URL,
// HEARTH_LLAMA_MODEL_PATH), as seeded by backends/seed-backends-from-env.ts: the gateway trusts
// exactly those with the environment's key and outside the host allowlist and the models folder.
import path from "node:path";
import type { Backend } from "../../db/client";
import { env } from "../../env";

/**
 * Whether a backend is exactly as the environment set it: the sidecar at HEARTH_LLM_BASE_URL, the
 * GGUF at HEARTH_LLAMA_MODEL_PATH. The deployer chose those, so they skip the host allowlist and the
 * models folder, and only the sidecar gets HEARTH_LLM_API_KEY. Once its URL or path is changed in
 * the console, an env backend is judged like any other until the next start re-applies it.
 */
export function isSetByDeployer(backend: Backend): boolean {
  if (backend.source !== "env") return false;
  if (backend.id === "be_env_llm")
    return Boolean(env.HEARTH_LLM_BASE_URL) && backend.baseUrl === env.HEARTH_LLM_BASE_URL;
  if (backend.id === "be_env_llama") {
    return (
      Boolean(env.HEARTH_LLAMA_MODEL_PATH) &&
      backend.modelPath === path.resolve(env.HEARTH_LLAMA_MODEL_PATH ?? "")
    );
  }
  return false;
}
