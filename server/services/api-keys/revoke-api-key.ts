import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { ApiKeyDto } from "../../schemas/api-key";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toApiKeyDto } from "./api-key-dto";
import { forgetApiKey } from "./authenticate-api-key";
import { recordAudit } from "../audit/record-audit";

/** Revokes a key at once; revoking twice keeps the first revocation time. */
export async function revokeApiKey(actor: Actor, id: string): Promise<ApiKeyDto> {
  authorize(actor, "api_keys:manage");
  const db = getDb();
  const { count } = await db.apiKey.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const row = await db.apiKey.findUnique({ where: { id } });
  if (!row) throw notFound("API key", id);
  if (count > 0) {
    await recordAudit({
      actor,
      action: "api_key.revoke",
      target: { type: "api_key", id },
      changes: { before: { name: row.name, scope: row.scope } },
    });
  }
  forgetApiKey(row.hash);
  return toApiKeyDto(row);
}
