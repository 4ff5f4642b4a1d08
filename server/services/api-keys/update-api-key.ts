import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { ApiKeyDto, UpdateApiKeyInput } from "../../schemas/api-key";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { toApiKeyDto } from "./api-key-dto";
import { forgetApiKey } from "./authenticate-api-key";

/** Renames a key or replaces its quotas; the new quotas hold from its next question, on every replica. */
export async function updateApiKey(actor: Actor, id: string, input: UpdateApiKeyInput): Promise<ApiKeyDto> {
  authorize(actor, "api_keys:manage");
  const db = getDb();
  const before = await db.apiKey.findUnique({ where: { id } });
  if (!before) throw notFound("API key", id);
  const row = await db.apiKey.update({
    where: { id },
    data: { name: input.name, ...(input.quotas && { quotas: input.quotas }) },
  });
  forgetApiKey(row.hash);
  const after = toApiKeyDto(row);
  await recordAudit({
    actor,
    action: "api_key.update",
    target: { type: "api_key", id },
    changes: { before: toApiKeyDto(before), after },
  });
  return after;
}
