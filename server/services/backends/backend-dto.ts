import type { Backend } from "../../db/client";
import type { BackendDto, BackendHealthDto } from "../../schemas/backend";

export function toBackendDto(row: Backend, health: BackendHealthDto | null): BackendDto {
  return {
    id: row.id,
    object: "backend",
    name: row.name,
    kind: row.kind,
    base_url: row.baseUrl,
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
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
