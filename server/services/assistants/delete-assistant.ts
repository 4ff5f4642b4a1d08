import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { releaseBlobs } from "../knowledge/files/blob-references";
import { forgetAssistantStores } from "../knowledge/vector-stores/assistant-stores";
import { dropStoreTables } from "../knowledge/vector-stores/delete-vector-store";
import { forgetAssistant } from "./assistant-cache";
import { recordAudit } from "../audit/record-audit";

/**
 * Deletes an assistant and everything that belongs to it. Rows that belong to an assistant refer
 * to it with ON DELETE CASCADE, so one statement removes them all, atomically; then its vector
 * tables and the file bytes no other assistant shares go too.
 */
export async function deleteAssistant(
  actor: Actor,
  id: string,
): Promise<{ id: string; object: "assistant.deleted"; deleted: true }> {
  authorize(actor, "assistants:write");
  const db = getDb();
  const [current, stores, files] = await Promise.all([
    db.assistant.findUnique({ where: { id }, select: { name: true, model: true } }),
    db.vectorStore.findMany({ where: { assistantId: id }, select: { id: true, generation: true } }),
    db.knowledgeFile.findMany({ where: { assistantId: id }, select: { sha256: true } }),
  ]);
  const { count } = await db.assistant.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Assistant", id);
  forgetAssistant(id);
  forgetAssistantStores(id);
  await recordAudit({
    actor,
    action: "assistant.delete",
    target: { type: "assistant", id },
    changes: { before: { ...current, files: files.length, vector_stores: stores.length } },
  });
  await dropStoreTables(stores);
  await releaseBlobs(files.map((file) => file.sha256));
  return { id, object: "assistant.deleted", deleted: true };
}
