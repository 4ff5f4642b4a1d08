import { randomBytes } from "node:crypto";
import { AppError } from "../../errors";
import { getDb } from "../../db/client";
import type { AssistantDto, CreateAssistantAutoInput } from "../../schemas/assistant";
import type { AutoAssistantFields, AutoAssistantResult } from "../../schemas/knowledge";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { auditUploads, judgeFile, storeFiles, type UploadedFile } from "../knowledge/files/upload-files";
import { wakeIngestion } from "../knowledge/ingestion/ingestion-worker";
import { fileWithJobs, toFileDto } from "../knowledge/knowledge-dto";
import { ensureDefaultStore } from "../knowledge/vector-stores/ensure-default-store";
import { createAssistant } from "./create-assistant";
import { deleteAssistant } from "./delete-assistant";

/** A URL-safe id from the name (if any) and a random suffix, e.g. `support-bot-7k2m9q`. */
export function generateAssistantId(name: string | undefined): string {
  const base = (name ?? "")
    .normalize("NFKD")
    // NFKD splits "é" into "e" and a combining accent; dropping the marks keeps "e".
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  const suffix = randomBytes(6)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .padEnd(6, "0")
    .slice(0, 6);
  return base ? `${base}-${suffix}` : `asst-${suffix}`;
}

/** "employee-handbook_v2.pdf" → "Employee handbook v2". */
function titleFromFilename(filename: string): string {
  const stem = filename
    .replace(/\.[a-z0-9]{1,5}$/i, "")
    .replace(/[-_.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return stem ? stem.charAt(0).toUpperCase() + stem.slice(1) : "Knowledge";
}

/** A name and description for an assistant made from files, when the caller gave none. */
export function describeFiles(filenames: string[]): { name: string; description: string } {
  const first = titleFromFilename(filenames[0] ?? "");
  const name = filenames.length > 1 ? `${first} and ${filenames.length - 1} more` : first;
  const listed = filenames.slice(0, 5).join(", ");
  const more = filenames.length > 5 ? ` and ${filenames.length - 5} more files` : "";
  return { name: name.slice(0, 200), description: `Answers questions from ${listed}${more}.`.slice(0, 2000) };
}

async function createWithFreshId(actor: Actor, input: CreateAssistantAutoInput): Promise<AssistantDto> {
  // A generated id can collide only by chance; try a few fresh ones before giving up.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await createAssistant(actor, {
        ...input,
        id: generateAssistantId(input.name),
        name: input.name ?? "Untitled assistant",
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
    }
  }
  throw new AppError("CONFLICT", "Could not generate a free assistant id; try again");
}

export async function createAssistantAuto(
  actor: Actor,
  input: CreateAssistantAutoInput,
): Promise<AutoAssistantResult> {
  authorize(actor, "assistants:write");
  return { ...(await createWithFreshId(actor, input)), vector_store_id: null, files: [] };
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
  const derived = describeFiles(judged.map((file) => file.filename));
  const assistant = await createWithFreshId(actor, {
    ...fields,
    name: fields.name ?? derived.name,
    description: fields.description ?? derived.description,
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
