// Adds uploaded files to an assistant's knowledge. Every file is judged first (its type by its
// content, emptiness, its fields), and one bad file refuses the whole upload with a 4xx naming it,
// so an upload is all or nothing. Then the bytes go into content-addressed storage, the rows are
// written in one transaction, and ingestion is queued. Ingestion errors (a corrupt or encrypted
// document) show later as the file's `failed` status with the reason.
import { readFile } from "node:fs/promises";
import { getDb, type VectorStore } from "../../../db/client";
import { AppError, notFound } from "../../../errors";
import type { FileDto, UploadFields } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { wakeIngestion } from "../ingestion/ingestion-worker";
import { newFileId, newVectorStoreFileId } from "../knowledge-ids";
import { fileWithJobs, toFileDto } from "../knowledge-dto";
import { detectDocumentType } from "../parsing/detect-document-type";
import { DocumentError } from "../parsing/document-error";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { getBlobStorage } from "../storage/blob-storage";
import { ensureDefaultStore } from "../vector-stores/ensure-default-store";
import { touchStore } from "../vector-stores/touch-store";
import { lockBlob, releaseBlobs } from "./blob-references";
import { recordAudit } from "../../audit/record-audit";

export interface UploadedFile {
  filename: string;
  /** A staged local copy, removed by the caller afterwards. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface JudgedFile extends UploadedFile {
  format: string;
  mimeType: string;
}

export async function judgeFile(file: UploadedFile): Promise<JudgedFile> {
  try {
    const type = await detectDocumentType(await readFile(file.path), file.filename);
    return { ...file, format: type.format, mimeType: type.mimeType };
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    const code = error.code === "unsupported_type" ? "UNSUPPORTED_MEDIA_TYPE" : "INVALID_INPUT";
    throw new AppError(code, `File '${file.filename}': ${error.message}`);
  }
}

async function targetStore(assistantId: string, storeId: string | undefined): Promise<VectorStore> {
  if (!storeId) return ensureDefaultStore(assistantId);
  const store = await getDb().vectorStore.findFirst({ where: { id: storeId, assistantId } });
  if (!store) throw notFound("Vector store", storeId);
  if (store.expiresAt && store.expiresAt <= new Date()) {
    throw new AppError("CONFLICT", `Vector store '${storeId}' has expired; create a new one`);
  }
  return store;
}

/** Writes blobs and rows for already judged files; all or nothing. Returns the new file ids. */
export async function storeFiles(
  assistantId: string,
  files: JudgedFile[],
  store: VectorStore,
  attributes: Record<string, string | number | boolean>,
): Promise<string[]> {
  const storage = getBlobStorage();
  const hashes = [...new Set(files.map((file) => file.sha256))].sort();
  try {
    // Bytes first, outside the transaction (a copy can take a while); the transaction re-checks
    // them under the lock in case a concurrent delete removed the same bytes in between.
    for (const file of files) await storage.putFile(file.sha256, file.path);
    return await getDb().$transaction(async (tx) => {
      for (const sha256 of hashes) await lockBlob(tx, sha256);
      for (const file of files) {
        if (!(await storage.exists(file.sha256))) await storage.putFile(file.sha256, file.path);
      }
      const ids: string[] = [];
      for (const file of files) {
        const id = newFileId();
        ids.push(id);
        await tx.knowledgeFile.create({
          data: {
            id,
            assistantId,
            filename: file.filename,
            format: file.format,
            mimeType: file.mimeType,
            bytes: file.bytes,
            sha256: file.sha256,
            stores: {
              create: {
                id: newVectorStoreFileId(),
                vectorStoreId: store.id,
                assistantId,
                attributes,
                generation: store.generation,
              },
            },
          },
        });
      }
      return ids;
    });
  } catch (error) {
    await releaseBlobs(hashes);
    throw error;
  }
}

/** One audit event per stored file (an upload of several is several changes). */
export async function auditUploads(
  actor: Actor,
  assistantId: string,
  files: JudgedFile[],
  ids: string[],
  vectorStoreId: string,
): Promise<void> {
  for (const [index, id] of ids.entries()) {
    const file = files[index];
    await recordAudit({
      actor,
      action: "file.upload",
      target: { type: "file", id },
      changes: {
        after: {
          assistant_id: assistantId,
          filename: file?.filename,
          bytes: file?.bytes,
          vector_store_id: vectorStoreId,
        },
      },
    });
  }
}

export async function uploadFiles(
  actor: Actor,
  assistantId: string,
  upload: { files: UploadedFile[]; fields: UploadFields },
): Promise<FileDto[]> {
  await requireKnowledgeAccess(actor, assistantId, "write");
  const { fields } = upload;
  if (upload.files.length === 0) {
    throw new AppError("INVALID_INPUT", "Send at least one file in the multipart field 'file'");
  }
  const judged: JudgedFile[] = [];
  for (const file of upload.files) judged.push(await judgeFile(file));
  const store = await targetStore(assistantId, fields.vector_store_id);
  const ids = await storeFiles(assistantId, judged, store, fields.attributes ?? {});
  await auditUploads(actor, assistantId, judged, ids, store.id);
  await touchStore(store);
  wakeIngestion();
  const rows = await getDb().knowledgeFile.findMany({ where: { id: { in: ids } }, include: fileWithJobs });
  return ids.map((id) => toFileDto(rows.find((row) => row.id === id)!));
}
