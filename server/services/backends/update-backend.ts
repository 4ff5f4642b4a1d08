import { getDb } from "../../db/client";
import { AppError, isUniqueViolation, notFound } from "../../errors";
import type { BackendDto, UpdateBackendInput } from "../../schemas/backend";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { forgetBackends } from "./backend-cache";
import { backendHealthById } from "../gateway/backend-health-view";
import { toBackendDto } from "./backend-dto";
import { sealSecret } from "./secret-box";
import { assertBackendComplete } from "./validate-backend";

export async function updateBackend(
  actor: Actor,
  id: string,
  input: UpdateBackendInput,
): Promise<BackendDto> {
  authorize(actor, "backends:manage");
  try {
    const row = await getDb().$transaction(async (tx) => {
      const current = await tx.backend.findUnique({ where: { id } });
      if (!current) throw notFound("Backend", id);
      const baseUrl = input.base_url === undefined ? current.baseUrl : input.base_url;
      const modelPath = input.model_path === undefined ? current.modelPath : input.model_path;
      assertBackendComplete(current.kind, baseUrl, modelPath);
      return tx.backend.update({
        where: { id },
        data: {
          name: input.name,
          baseUrl,
          modelPath,
          models: input.models,
          maxConcurrency: input.max_concurrency,
          enabled: input.enabled,
          draining: input.draining,
          probeGeneration: input.probe_generation,
          apiKeyEncrypted:
            input.api_key === undefined
              ? undefined
              : input.api_key === null
                ? null
                : sealSecret(input.api_key),
          apiKeyEnv: input.api_key_env,
        },
      });
    });
    forgetBackends();
    return toBackendDto(row, (await backendHealthById()).get(row.id) ?? null);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A backend named '${input.name}' already exists`);
    throw error;
  }
}
