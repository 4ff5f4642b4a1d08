import { getDb } from "../../../db/client";
import type { UpdateVectorStoreInput, VectorStoreDto } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { findStore, storeDto } from "./get-vector-store";
import { forgetAssistantStores } from "./assistant-stores";
import { recordAudit } from "../../audit/record-audit";
import { changedFields } from "../../audit/redact";

export async function updateVectorStore(
  actor: Actor,
  assistantId: string,
  storeId: string,
  input: UpdateVectorStoreInput,
): Promise<VectorStoreDto> {
  await requireKnowledgeAccess(actor, assistantId, "write");
  const store = await findStore(assistantId, storeId);
  const days = input.expires_after === undefined ? undefined : (input.expires_after?.days ?? null);
  const updated = await getDb().vectorStore.update({
    where: { id: store.id },
    data: {
      name: input.name,
      metadata: input.metadata,
      ...(days !== undefined
        ? {
            expiresAfterDays: days,
            expiresAt: days ? new Date(store.lastActiveAt.getTime() + days * 86_400_000) : null,
          }
        : {}),
    },
  });
  forgetAssistantStores(assistantId);
  const after = await storeDto(updated);
  await recordAudit({
    actor,
    action: "vector_store.update",
    target: { type: "vector_store", id: store.id },
    changes: changedFields(await storeDto(store), after, [
      "updated_at",
      "last_active_at",
      "file_counts",
      "usage_bytes",
      "status",
    ]),
  });
  return after;
}
