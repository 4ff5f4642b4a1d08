import { randomBytes } from "node:crypto";
import { getDb } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import type { BackendDto, CreateBackendInput } from "../../schemas/backend";
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
  assertKeyEnvAllowed,
} from "./validate-backend";
import { recordAudit } from "../audit/record-audit";

export async function createBackend(actor: Actor, input: CreateBackendInput): Promise<BackendDto> {
  authorize(actor, "backends:manage");
  if (input.api_key_env != null) assertKeyEnvAllowed(actor, input.api_key_env);
  assertBackendComplete(input.kind, input.base_url ?? null, input.model_path ?? null);
  if (input.base_url) await assertBaseUrlAllowed(input.base_url);
  const modelPath = input.model_path ? await allowedModelPath(input.model_path) : null;
  try {
    const row = await getDb().backend.create({
      data: {
        id: `be_${randomBytes(8).toString("hex")}`,
        name: input.name,
        kind: input.kind,
        baseUrl: input.base_url ?? null,
        modelPath,
        models: input.models,
        maxConcurrency: input.max_concurrency ?? 16,
        enabled: input.enabled ?? true,
        draining: input.draining ?? false,
        probeGeneration: input.probe_generation ?? false,
        ...(input.prices && priceColumns(input.prices)),
        apiKeyEncrypted: input.api_key ? sealSecret(input.api_key) : null,
        apiKeyEnv: input.api_key_env ?? null,
        source: "admin",
      },
    });
    forgetBackends();
    const created = toBackendDto(row, (await backendHealthById()).get(row.id) ?? null);
    await recordAudit({
      actor,
      action: "backend.create",
      target: { type: "backend", id: row.id },
      changes: { after: created },
    });
    return created;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A backend named '${input.name}' already exists`);
    throw error;
  }
}
