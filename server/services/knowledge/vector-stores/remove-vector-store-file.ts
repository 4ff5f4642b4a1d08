import { getDb } from "../../../db/client";
import { notFound } from "../../../errors";
import type { Actor } from "../../access/actor";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { findStore } from "./get-vector-store";
import { removeFileVectors } from "./remove-file-vectors";
import { recordAudit } from "../../audit/record-audit";

/** Takes a file out of a store (its vectors too); the file itself stays with the assistant. */
export async function removeVectorStoreFile(
  actor: Actor,
  assistantId: string,
  storeId: string,
  fileId: string,
): Promise<{ id: string; object: "vector_store.file.deleted"; deleted: true }> {
  await requireKnowledgeAccess(actor, assistantId, "write");
  const store = await findStore(assistantId, storeId);
  const { count } = await getDb().vectorStoreFile.deleteMany({ where: { vectorStoreId: store.id, fileId } });
  if (count === 0) throw notFound("File", fileId);
  await removeFileVectors(fileId, [store]);
  await recordAudit({
    actor,
    action: "vector_store.file_remove",
    target: { type: "vector_store", id: store.id },
    changes: { before: { file_id: fileId } },
  });
  return { id: fileId, object: "vector_store.file.deleted", deleted: true };
}
