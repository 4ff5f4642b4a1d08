// The fields of an assistant made from files, as the person reviewed them after the draft: the
// server's own limits (so the form refuses exactly what POST /admin/assistants/auto would), an
// empty id meaning "derive it from the name", blank starter questions dropped.
import { z } from "zod";
import {
  createAssistantAutoInputSchema,
  createAssistantInputSchema,
  suggestedQuestionsSchema,
} from "@/server/schemas/assistant";
import type { AssistantDraft } from "@/server/schemas/assistant-draft";

const settings = createAssistantAutoInputSchema.shape;

export const draftFieldsSchema = z.object({
  name: settings.name.unwrap(),
  id: z.union([z.literal(""), createAssistantInputSchema.shape.id]),
  description: settings.description.unwrap(),
  instructions: settings.instructions.unwrap(),
  suggested_questions: z
    .array(z.string().trim().max(200))
    .transform((questions) => questions.filter((question) => question !== ""))
    .pipe(suggestedQuestionsSchema),
});

export type DraftFieldValues = z.input<typeof draftFieldsSchema>;
export type DraftFields = z.output<typeof draftFieldsSchema>;
export type DraftFieldName = keyof DraftFieldValues;

export const emptyDraftFields: DraftFieldValues = {
  name: "",
  id: "",
  description: "",
  instructions: "",
  suggested_questions: [],
};

/**
 * A new draft's values, keeping what the person already edited. An edited name with an untouched
 * id leaves the id empty: the server then derives a free one from the name.
 */
export function mergeDraft(
  current: DraftFieldValues,
  draft: AssistantDraft,
  edited: ReadonlySet<DraftFieldName>,
): DraftFieldValues {
  const pick = <K extends DraftFieldName>(key: K): DraftFieldValues[K] =>
    edited.has(key) ? current[key] : draft[key];
  return {
    name: pick("name"),
    id: edited.has("id") ? current.id : edited.has("name") ? "" : draft.id,
    description: pick("description"),
    instructions: pick("instructions"),
    suggested_questions: pick("suggested_questions"),
  };
}

/** The multipart form of POST /admin/assistants/auto: the files and the reviewed fields. */
export function autoAssistantForm(files: readonly File[], fields: DraftFields): FormData {
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  form.append("name", fields.name);
  if (fields.id) form.append("id", fields.id);
  form.append("description", fields.description);
  form.append("instructions", fields.instructions);
  form.append("suggested_questions", JSON.stringify(fields.suggested_questions));
  return form;
}
