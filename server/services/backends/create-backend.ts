import { randomBytes } from "node:crypto";
import { getDb } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import type { BackendDto, CreateBackendInput } from "../../schemas/backend";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { forgetBackends } from "./backend-cache";
import { backendHealthById } from "../gateway/backend-health-view";
import { toBackendDto } from "./backend-dto";
import { sealSecret } from "./secret-box";
import { assertBackendComplete } from "./validate-backend";

export async function createBackend(actor: Actor, input: CreateBackendInput): Promise<BackendDto> {
  authorize(actor, "backends:manage");
  assertBackendComplete(input.kind, input.base_url ?? null, input.model_path ?? null);
  try {
    const row = await getDb().backend.create({
      data: {
        id: `be_${randomBytes(8).toString("hex")}`,
        name: input.name,
        kind: input.kind,
        baseUrl: input.base_url ?? null,
        modelPath: input.model_path ?? null,
        models: input.models,
        maxConcurrency: input.max_concurrency ?? 16,
        enabled: input.enabled ?? true,
        draining: input.draining ?? false,
        probeGeneration: input.probe_generation ?? false,
        apiKeyEncrypted: input.api_key ? sealSecret(input.api_key) : null,
        apiKeyEnv: input.api_key_env ?? null,
        source: "admin",
      },
    });
    forgetBackends();
    return toBackendDto(row, (await backendHealthById()).get(row.id) ?? null);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A backend named '${input.name}' already exists`);
    throw error;
  }
}
