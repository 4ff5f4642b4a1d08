import { AppError } from "../../errors";
import { getDb } from "../../db/client";
import type { AssistantDto, CreateAssistantAutoInput, CreateAssistantInput } from "../../schemas/assistant";
import type { DraftFile } from "../../schemas/assistant-draft";
import type { AutoAssistantFields, AutoAssistantResult } from "../../schemas/knowledge";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import {
  auditUploads,
  judgeFile,
  storeFiles,
  type JudgedFile,
  type UploadedFile,
} from "../knowledge/files/upload-files";
import { previewFile, titleFromFilename } from "../knowledge/files/preview-file";
import { wakeIngestion } from "../knowledge/ingestion/ingestion-worker";
import { fileWithJobs, toFileDto } from "../knowledge/knowledge-dto";
import { DocumentError } from "../knowledge/parsing/document-error";
import { ensureDefaultStore } from "../knowledge/vector-stores/ensure-default-store";
import { freeAssistantId } from "./assistant-ids";
import { createAssistant } from "./create-assistant";
import { deleteAssistant } from "./delete-assistant";
import { draftFromHeadings } from "./draft-from-headings";

type AutoInput = Omit<CreateAssistantInput, "id"> & { id?: string };

/**
 * With an id given (one a draft proposed), that id or a CONFLICT; else the name's slug, with a
 * suffix only when taken. Another create can take the free id first: then try the next one.
 */
async function createWithFreeId(actor: Actor, input: AutoInput): Promise<AssistantDto> {
  const name = input.name ?? "Untitled assistant";
  if (input.id) return createAssistant(actor, { ...input, id: input.id, name });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await createAssistant(actor, { ...input, id: await freeAssistantId(name), name });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
    }
  }
  throw new AppError("CONFLICT", "Could not find a free assistant id; try again");
}

/**
 * What the files say about themselves, for a name or description the caller left out; a document
 * that cannot be read is titled from its file name here (its ingestion reports why later).
 */
async function readTitles(files: JudgedFile[]): Promise<DraftFile[]> {
  const previews: DraftFile[] = [];
  for (const file of files) {
    try {
      previews.push(await previewFile(file));
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      const title = titleFromFilename(file.filename);
      previews.push({
        filename: file.filename,
        format: file.format,
        bytes: file.bytes,
        title,
        title_source: "filename",
        headings: [],
        text: "",
        text_truncated: false,
        characters: 0,
        chunk_count: 0,
        chunks: [],
      });
    }
  }
  return previews;
}

export async function createAssistantAuto(
  actor: Actor,
  input: CreateAssistantAutoInput,
): Promise<AutoAssistantResult> {
  authorize(actor, "assistants:write");
  return { ...(await createWithFreeId(actor, input)), vector_store_id: null, files: [] };
}

/**
 * One call from files to a working assistant: the files are judged first (a bad one refuses the
 * request before anything exists), then the assistant, its default store and the files are
 * created; if storing the files fails, the assistant is removed again, so nothing half-made stays.
 */
export async function createAssistantFromFiles(
  actor: Actor,
  upload: { files: UploadedFile[]; fields: AutoAssistantFields },
): Promise<AutoAssistantResult> {
  authorize(actor, "assistants:write");
  authorize(actor, "knowledge:write");
  const { fields } = upload;
  if (upload.files.length === 0) {
    throw new AppError("INVALID_INPUT", "Send at least one file in the multipart field 'file'");
  }
  const judged = [];
  for (const file of upload.files) judged.push(await judgeFile(file));
  const derived =
    fields.name === undefined || fields.description === undefined
      ? draftFromHeadings(await readTitles(judged))
      : null;
  const assistant = await createWithFreeId(actor, {
    ...fields,
    name: fields.name ?? derived?.name,
    description: fields.description ?? derived?.description,
  });
  try {
    const store = await ensureDefaultStore(assistant.id);
    const ids = await storeFiles(assistant.id, judged, store, {});
    await auditUploads(actor, assistant.id, judged, ids, store.id);
    wakeIngestion();
    const rows = await getDb().knowledgeFile.findMany({ where: { id: { in: ids } }, include: fileWithJobs });
    return {
      ...assistant,
      vector_store_id: store.id,
      files: ids.map((id) => toFileDto(rows.find((row) => row.id === id)!)),
    };
  } catch (error) {
    await deleteAssistant(actor, assistant.id).catch(() => undefined);
    throw error;
  }
}
