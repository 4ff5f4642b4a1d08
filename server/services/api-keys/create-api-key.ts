import { randomBytes } from "node:crypto";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import type { CreateApiKeyInput, CreatedApiKeyDto } from "../../schemas/api-key";
import { NO_QUOTAS } from "../../schemas/quotas";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toApiKeyDto } from "./api-key-dto";
import { generateApiKeySecret } from "./api-key-secret";
import { recordAudit } from "../audit/record-audit";

/** Creates a key and returns its secret, once: only its hash is stored. */
export async function createApiKey(actor: Actor, input: CreateApiKeyInput): Promise<CreatedApiKeyDto> {
  authorize(actor, "api_keys:manage");
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new AppError("INVALID_INPUT", "expires_at must be in the future");
  }
  const { key, prefix, hash } = generateApiKeySecret();
  const row = await getDb().apiKey.create({
    data: {
      id: `key_${randomBytes(12).toString("hex")}`,
      name: input.name,
      prefix,
      hash,
      scope: input.scope,
      assistantIds: input.assistant_ids,
      quotas: input.quotas ?? NO_QUOTAS,
      expiresAt,
      createdById: actor.kind === "user" ? actor.userId : null,
    },
  });
  const created = toApiKeyDto(row);
  await recordAudit({
    actor,
    action: "api_key.create",
    target: { type: "api_key", id: row.id },
    changes: { after: created },
  });
  return { ...created, key };
}
