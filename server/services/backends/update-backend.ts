import { getDb } from "../../db/client";
import { AppError, isUniqueViolation, notFound } from "../../errors";
import type { BackendDto, UpdateBackendInput } from "../../schemas/backend";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { forgetBackends } from "../gateway/backend-cache";
import { backendHealthById } from "../gateway/backend-health-view";
import { toBackendDto } from "./backend-dto";
import { priceColumns } from "./price-columns";
import { sealSecret } from "../../security/secret-box";
import {
  allowedModelPath,
  assertBackendComplete,
  assertBaseUrlAllowed,
  assertKeyResentForNewUrl,
  assertKeyEnvAllowed,
} from "./validate-backend";
import { recordAudit } from "../audit/record-audit";
import { changedFields } from "../audit/redact";

/**
 * A partial update. A new base URL or model path is checked (allowlist, models folder) before the
 * write, outside the transaction: DNS must not hold a database connection. A new base URL also
 * resets the key to what the same request sends, so no key follows a backend somewhere else.
 */
export async function updateBackend(
  actor: Actor,
  id: string,
  input: UpdateBackendInput,
): Promise<BackendDto> {
  authorize(actor, "backends:manage");
  if (input.api_key_env !== undefined) assertKeyEnvAllowed(actor, input.api_key_env);
  const before = await getDb().backend.findUnique({ where: { id } });
  if (!before) throw notFound("Backend", id);
  if (input.base_url && input.base_url !== before.baseUrl) await assertBaseUrlAllowed(input.base_url);
  const newModelPath =
    input.model_path && input.model_path !== before.modelPath
      ? await allowedModelPath(input.model_path)
      : input.model_path;
  try {
    const row = await getDb().$transaction(async (tx) => {
      const current = await tx.backend.findUnique({ where: { id } });
      if (!current) throw notFound("Backend", id);
      const baseUrl = input.base_url === undefined ? current.baseUrl : input.base_url;
      const modelPath = newModelPath === undefined ? current.modelPath : newModelPath;
      assertBackendComplete(current.kind, baseUrl, modelPath);
      const urlChanged = baseUrl !== current.baseUrl;
      if (urlChanged) assertKeyResentForNewUrl(current, input);
      // With a new URL, a key the request leaves out is dropped rather than kept.
      const keptUnlessNewUrl = urlChanged ? null : undefined;
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
          ...(input.prices && priceColumns(input.prices)),
          apiKeyEncrypted:
            input.api_key === undefined
              ? keptUnlessNewUrl
              : input.api_key === null
                ? null
                : sealSecret(input.api_key),
          apiKeyEnv: input.api_key_env === undefined ? keptUnlessNewUrl : input.api_key_env,
        },
      });
    });
    forgetBackends();
    const after = toBackendDto(row, (await backendHealthById()).get(row.id) ?? null);
    await recordAudit({
      actor,
      action: "backend.update",
      target: { type: "backend", id },
      changes: {
        ...changedFields(toBackendDto(before, null), after),
        ...(input.api_key !== undefined
          ? { key_change: input.api_key === null ? "removed" : "replaced" }
          : {}),
      },
    });
    return after;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A backend named '${input.name}' already exists`);
    throw error;
  }
}
