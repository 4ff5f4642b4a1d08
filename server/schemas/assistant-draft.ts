// What POST /admin/assistants/auto/draft accepts and answers: a preview of documents (each file's
// title, headings, extracted text and first chunks) and the settings drafted from them, which
// the caller reviews and sends to POST /admin/assistants/auto with the same files.
import { z } from "zod";

/** The multipart form: the files alone; nothing is stored. */
export const assistantDraftFormSchema = z
  .strictObject({
    file: z
      .array(z.string().meta({ format: "binary" }))
      .meta({ description: "One or more knowledge files, judged as an upload judges them." }),
  })
  .meta({ id: "AssistantDraftForm" });

export const draftChunkSchema = z
  .object({
    index: z.number().int().meta({ description: "0-based position in the document." }),
    text: z.string(),
    token_count: z.number().int(),
    heading: z.string().nullable().meta({ description: "The heading path the chunk sits under." }),
    page: z.number().int().nullable(),
  })
  .meta({ id: "DraftChunk" });
export type DraftChunk = z.infer<typeof draftChunkSchema>;

export const titleSourceSchema = z.enum(["document", "heading", "filename"]).meta({
  description:
    "`document`: the document's own title (Markdown front matter, HTML <title>, PDF or DOCX properties, " +
    "else its first h1); `heading`: its first heading; `filename`: made from the file name.",
});

export const draftFileSchema = z
  .object({
    filename: z.string(),
    format: z.string(),
    bytes: z.number().int(),
    title: z.string(),
    title_source: titleSourceSchema,
    headings: z.array(z.string()).meta({ description: "Heading paths in document order (at most 50)." }),
    text: z.string().meta({ description: "The start of the extracted text." }),
    text_truncated: z.boolean().meta({ description: "Whether `text` was cut." }),
    characters: z.number().int().meta({ description: "Characters of extracted text in all." }),
    chunk_count: z
      .number()
      .int()
      .meta({ description: "Chunks ingestion will make with the default chunking." }),
    chunks: z.array(draftChunkSchema).meta({ description: "The first chunks." }),
  })
  .meta({ id: "DraftFile" });
export type DraftFile = z.infer<typeof draftFileSchema>;

export const draftedBySchema = z.enum(["model", "headings"]).meta({
  description:
    "`model`: a connected model wrote the settings; `headings`: no model was reachable or its answer was " +
    "unusable, so they come from the documents' titles and headings.",
});
export type DraftedBy = z.infer<typeof draftedBySchema>;

export const assistantDraftSchema = z
  .object({
    object: z.literal("assistant.draft"),
    drafted_by: draftedBySchema,
    id: z.string().meta({ description: "The name as an id, free now (a suffix only when taken)." }),
    name: z.string(),
    description: z.string(),
    instructions: z.string(),
    suggested_questions: z.array(z.string()),
    files: z.array(draftFileSchema),
  })
  .meta({ id: "AssistantDraft" });
export type AssistantDraft = z.infer<typeof assistantDraftSchema>;

/** What a model must answer to draft the settings; anything else falls back to the headings. */
export const modelDraftSchema = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().min(1).max(500),
  instructions: z.string().trim().min(1).max(4000),
  suggested_questions: z.array(z.string().trim().min(1).max(200)).min(1).max(5),
});
export type ModelDraft = z.infer<typeof modelDraftSchema>;
