import { getDb } from "../../../db/client";
import { AppError, notFound } from "../../../errors";
import type { AddVectorStoreFileInput, VectorStoreFileDto } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { wakeIngestion } from "../ingestion/ingestion-worker";
import { newVectorStoreFileId } from "../knowledge-ids";
import { toVectorStoreFileDto } from "../knowledge-dto";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { findStore } from "./get-vector-store";
import { touchStore } from "./touch-store";
import { recordAudit } from "../../audit/record-audit";

/** Adds one of the assistant's files to a store; its ingestion into the store is queued. */
export async function addVectorStoreFile(
  actor: Actor,
  assistantId: string,
  storeId: string,
  input: AddVectorStoreFileInput,
): Promise<VectorStoreFileDto> {
  await requireKnowledgeAccess(actor, assistantId, "write");
  const store = await findStore(assistantId, storeId);
  const db = getDb();
  const file = await db.knowledgeFile.findFirst({
    where: { id: input.file_id, assistantId },
    select: { id: true },
  });
  if (!file) throw notFound("File", input.file_id);
  const existing = await db.vectorStoreFile.findUnique({
    where: { vectorStoreId_fileId: { vectorStoreId: store.id, fileId: file.id } },
  });
  if (existing) throw new AppError("CONFLICT", `File '${file.id}' is already in vector store '${store.id}'`);
  try {
    const row = await db.vectorStoreFile.create({
      data: {
        id: newVectorStoreFileId(),
        vectorStoreId: store.id,
        fileId: file.id,
        assistantId,
        attributes: input.attributes,
        generation: store.generation,
      },
      include: { file: { select: { filename: true } } },
    });
    await touchStore(store);
    wakeIngestion();
    await recordAudit({
      actor,
      action: "vector_store.file_add",
      target: { type: "vector_store", id: store.id },
      changes: { after: { file_id: file.id, attributes: input.attributes } },
    });
    return toVectorStoreFileDto(row);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("CONFLICT", `File '${file.id}' is already in vector store '${store.id}'`);
    }
    throw error;
  }
}
