// Deletes a file everywhere: its rows (the file and its place in every store, in one
// transaction), its bytes when no other file shares them, and every vector of it. A worker that
// is ingesting it at that moment notices the job is gone and removes what it wrote.
import { getDb } from "../../../db/client";
import { notFound } from "../../../errors";
import type { Actor } from "../../access/actor";
import { removeFileVectors } from "../vector-stores/remove-file-vectors";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { deleteBlobIfUnreferenced, lockBlob } from "./blob-references";
import { recordAudit } from "../../audit/record-audit";

export async function deleteFile(
  actor: Actor,
  assistantId: string,
  fileId: string,
): Promise<{ id: string; object: "file.deleted"; deleted: true }> {
  await requireKnowledgeAccess(actor, assistantId, "write");
  const db = getDb();
  const file = await db.knowledgeFile.findFirst({
    where: { id: fileId, assistantId },
    include: { stores: { include: { vectorStore: { select: { id: true, generation: true } } } } },
  });
  if (!file) throw notFound("File", fileId);
  await db.$transaction(async (tx) => {
    await lockBlob(tx, file.sha256);
    const { count } = await tx.knowledgeFile.deleteMany({ where: { id: fileId } });
    if (count === 0) throw notFound("File", fileId);
    await deleteBlobIfUnreferenced(tx, file.sha256);
  });
  await removeFileVectors(
    fileId,
    file.stores.map((job) => job.vectorStore),
  );
  await recordAudit({
    actor,
    action: "file.delete",
    target: { type: "file", id: fileId },
    changes: { before: { assistant_id: assistantId, filename: file.filename, bytes: file.bytes } },
  });
  return { id: fileId, object: "file.deleted", deleted: true };
}
