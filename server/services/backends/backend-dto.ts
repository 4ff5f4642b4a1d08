import type { Backend } from "../../db/client";
import type { BackendDto, BackendHealthDto } from "../../schemas/backend";

/**
 * A stored base URL with any user and password replaced: rows saved before URLs with credentials
 * were refused still hold them, and every role may read backends. (They were never sent: the
 * engine connects to the URL's origin and path only.)
 */
export function redactedBaseUrl(baseUrl: string): string {
  if (!URL.canParse(baseUrl)) return baseUrl;
  const url = new URL(baseUrl);
  if (!url.username && !url.password) return baseUrl;
  url.username = "redacted";
  url.password = "";
  return url.toString();
}

export function toBackendDto(row: Backend, health: BackendHealthDto | null): BackendDto {
  return {
    id: row.id,
    object: "backend",
    name: row.name,
    kind: row.kind,
    base_url: row.baseUrl === null ? null : redactedBaseUrl(row.baseUrl),
    model_path: row.modelPath,
    models: row.models,
    max_concurrency: row.maxConcurrency,
    enabled: row.enabled,
    draining: row.draining,
    probe_generation: row.probeGeneration,
    health: row.enabled ? health : null,
    has_api_key: Boolean(row.apiKeyEncrypted ?? row.apiKeyEnv),
    api_key_env: row.apiKeyEnv,
    source: row.source === "env" ? "env" : "admin",
    prices: {
      input_per_million: row.priceInputPerMillion,
      output_per_million: row.priceOutputPerMillion,
      gpu_hour: row.pricePerGpuHour,
    },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
