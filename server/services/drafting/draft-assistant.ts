// POST /admin/assistants/auto/draft: a preview of what creating an assistant from these files
// would make, with nothing stored. Each file is judged as an upload judges it, then parsed and
// chunked as ingestion will (previewFile, two files at once); the settings are drafted by a
// connected model, else from the documents' titles and headings, and the id is the name's slug,
// free at this moment.
import { AppError } from "../../errors";
import type { AssistantDraft, DraftFile } from "../../schemas/assistant-draft";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { freeAssistantId } from "../assistants/assistant-ids";
import { draftFromHeadings } from "../assistants/draft-from-headings";
import { previewFile } from "../knowledge/files/preview-file";
import { judgeFile, type JudgedFile, type UploadedFile } from "../knowledge/files/upload-files";
import { DocumentError } from "../knowledge/parsing/document-error";
import { instanceValues } from "../settings/instance-settings";
import { draftWithModel } from "./draft-with-model";
import { mapBounded } from "./map-bounded";

// Files parsed at once, each in its own process: a second or two of CPU each, on machines with
// as few as two cores, where more at once would only slow the server's other work.
const PARSE_CONCURRENCY = 2;

async function preview(file: JudgedFile): Promise<DraftFile> {
  try {
    return await previewFile(file);
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    throw new AppError("INVALID_INPUT", `File '${file.filename}': ${error.message}`);
  }
}

export async function draftAssistant(
  actor: Actor,
  upload: { files: UploadedFile[] },
): Promise<AssistantDraft> {
  authorize(actor, "assistants:write");
  authorize(actor, "knowledge:write");
  if (upload.files.length === 0) {
    throw new AppError("INVALID_INPUT", "Send at least one file in the multipart field 'file'");
  }
  // Every file is judged before any is parsed, so a bad one is refused at once, as an upload is.
  const judged: JudgedFile[] = [];
  for (const file of upload.files) judged.push(await judgeFile(file));
  const files = await mapBounded(judged, PARSE_CONCURRENCY, preview);
  const byModel = await draftWithModel(actor, files, (await instanceValues()).defaultModel);
  const draft = byModel ?? draftFromHeadings(files);
  return {
    object: "assistant.draft",
    drafted_by: byModel ? "model" : "headings",
    id: await freeAssistantId(draft.name),
    ...draft,
    files,
  };
}
