// The checks a backend passes when it is saved: what its engine needs, a base URL of the allowed
// shape whose host the allowlist accepts, a model path inside the models folder, and who may name
// an environment variable as its key. The same rules apply again at connect and load time
// (backend-connector.ts, engine-cache.ts), where a saved backend cannot slip past them.
import { isIP } from "node:net";
import { AppError } from "../../errors";
import { BACKEND_KEY_ENV_PREFIX, baseUrlProblem } from "../../schemas/backend";
import type { Actor } from "../access/actor";
import { can } from "../access/policy";
import { backendAllowedHosts, resolveHost } from "../gateway/backend-connector";
import { connectionRefusal, hostNameListed, neverAllowedReason } from "../gateway/backend-hosts";
import { confinedModelPath, modelPathRule } from "../gateway/model-path";

/** A backend needs what its engine needs: a URL for openai_compatible, a GGUF path for llama_cpp. */
export function assertBackendComplete(kind: string, baseUrl: string | null, modelPath: string | null): void {
  if (kind === "openai_compatible" && !baseUrl) {
    throw new AppError("INVALID_INPUT", "base_url is required for an openai_compatible backend", {
      details: [{ path: "base_url", message: "required for openai_compatible" }],
    });
  }
  if (kind === "llama_cpp" && !modelPath) {
    throw new AppError("INVALID_INPUT", "model_path is required for a llama_cpp backend", {
      details: [{ path: "model_path", message: "required for llama_cpp" }],
    });
  }
}

function invalid(path: string, message: string): AppError {
  return new AppError("INVALID_INPUT", `Invalid ${path}: ${message}`, { details: [{ path, message }] });
}

/** Why the host of `baseUrl` may not be a backend's now, or null (DNS checked as at connect time). */
async function hostRefusal(baseUrl: string): Promise<string | null> {
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, "");
  const entries = await backendAllowedHosts();
  if (isIP(host)) return connectionRefusal(host, [host], entries);
  const addresses = await resolveHost(host).catch(() => null);
  if (hostNameListed(host, entries)) {
    // Listed by name: allowed wherever it resolves, except where no backend may ever go. A name
    // that does not resolve yet is accepted; the connection is checked when it is made.
    const never = addresses?.map((entry) => neverAllowedReason(entry.address)).find(Boolean);
    return never ? `${host} resolves to ${never}, which backends may never use` : null;
  }
  if (!addresses) {
    return `${host} could not be resolved, so it cannot be checked against the backend host allowlist (an admin may add the name to the allowlist)`;
  }
  return connectionRefusal(
    host,
    addresses.map((entry) => entry.address),
    entries,
  );
}

/** A base URL of the allowed shape (http/https, no credentials, query or fragment) and host. */
export async function assertBaseUrlAllowed(baseUrl: string): Promise<void> {
  const problem = baseUrlProblem(baseUrl);
  if (problem) throw invalid("base_url", problem);
  const refusal = await hostRefusal(baseUrl);
  if (refusal) throw invalid("base_url", refusal);
}

/** The path to store for a llama_cpp model: an existing .gguf file inside the models folder. */
export async function allowedModelPath(modelPath: string): Promise<string> {
  const confined = await confinedModelPath(modelPath);
  if (!confined) throw invalid("model_path", modelPathRule());
  return confined;
}

/**
 * Naming an environment variable as a key makes Hearth send it out: admins only, and only
 * HEARTH_BACKEND_KEY_* names (checked here too, for callers that skip the schema).
 */
export function assertKeyEnvAllowed(actor: Actor, name: string | null): void {
  if (!can(actor, "backends:secrets")) {
    throw new AppError(
      "FORBIDDEN",
      "Only admins may set or change api_key_env (it names a server environment variable); an operator may set api_key instead",
    );
  }
  if (name !== null && !KEY_ENV_NAME.test(name)) {
    throw invalid(
      "api_key_env",
      `must be an environment variable whose name starts with ${BACKEND_KEY_ENV_PREFIX}`,
    );
  }
}

const KEY_ENV_NAME = new RegExp(`^${BACKEND_KEY_ENV_PREFIX}[A-Z0-9_]+$`);

/**
 * A stored or referenced key must not follow a URL change it was not given for: the request that
 * moves a keyed backend elsewhere names its key again (or null to drop it).
 */
export function assertKeyResentForNewUrl(
  current: { apiKeyEncrypted: string | null; apiKeyEnv: string | null },
  input: { api_key?: string | null; api_key_env?: string | null },
): void {
  if (!current.apiKeyEncrypted && !current.apiKeyEnv) return;
  if (input.api_key !== undefined || input.api_key_env !== undefined) return;
  throw new AppError(
    "INVALID_INPUT",
    "Changing base_url of a backend that has an API key needs the key in the same request: send api_key (or api_key_env) again, or null to remove it",
    {
      details: [
        { path: "api_key", message: "send the key again with the new base_url, or null to remove it" },
      ],
    },
  );
}
