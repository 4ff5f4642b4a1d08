// Deletes a store: its rows (the files stay with the assistant, as in OpenAI's API) and its
// LanceDB table. A worker ingesting into it notices the job is gone and stops.
import { getDb } from "../../../db/client";
import { notFound } from "../../../errors";
import { logger } from "../../../logger";
import type { Actor } from "../../access/actor";
import { getIndex, storeTable } from "../knowledge-adapters";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { findStore } from "./get-vector-store";
import { forgetAssistantStores } from "./assistant-stores";
import { recordAudit } from "../../audit/record-audit";

export async function dropStoreTables(stores: { id: string; generation: number }[]): Promise<void> {
  for (const store of stores) {
    try {
      await getIndex().dropTable(storeTable(store));
    } catch (error) {
      logger.error({ err: error, store: store.id }, "could not drop a vector store's table");
    }
  }
}

export async function deleteVectorStore(
  actor: Actor,
  assistantId: string,
  storeId: string,
): Promise<{ id: string; object: "vector_store.deleted"; deleted: true }> {
  await requireKnowledgeAccess(actor, assistantId, "write");
  const store = await findStore(assistantId, storeId);
  const { count } = await getDb().vectorStore.deleteMany({ where: { id: store.id } });
  if (count === 0) throw notFound("Vector store", storeId);
  forgetAssistantStores(assistantId);
  await dropStoreTables([store]);
  await recordAudit({
    actor,
    action: "vector_store.delete",
    target: { type: "vector_store", id: storeId },
    changes: { before: { assistant_id: assistantId, name: store.name } },
  });
  return { id: storeId, object: "vector_store.deleted", deleted: true };
}
