"use client";
// An assistant from documents, reviewed before it exists: choosing files sends them to POST
// /admin/assistants/auto/draft (nothing stored), which answers each file's preview (title,
// extracted text, chunks) and drafted settings; the person edits those, then Create sends the same
// files and the reviewed fields to POST /admin/assistants/auto, and the Knowledge tab shows their
// ingestion.
import { useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import type { AssistantDraft } from "@/server/schemas/assistant-draft";
import type { AutoAssistantResult } from "@/server/schemas/knowledge";
import { errorMessage } from "../../_lib/errors";
import { formatBytes } from "../../_lib/format";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { isAbortError, postMultipart } from "../../_lib/upload";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { DropZone } from "../knowledge/drop-zone";
import { acceptedFileTypesText } from "../knowledge/knowledge-labels";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardSection } from "../ui/card";
import { Field } from "../ui/field";
import { Input, Textarea } from "../ui/input";
import { Spinner } from "../ui/spinner";
import {
  autoAssistantForm,
  draftFieldsSchema,
  emptyDraftFields,
  mergeDraft,
  type DraftFieldName,
  type DraftFieldValues,
} from "./draft-fields-schema";
import { FileDraftPreview } from "./file-draft-preview";
import { SuggestedQuestionsEditor } from "./suggested-questions-editor";

const sameFile = (a: File, b: File) =>
  a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

type FieldErrors = Partial<Record<DraftFieldName, string>> & { questions?: (string | undefined)[] };

function errorsOf(values: DraftFieldValues): FieldErrors | null {
  const result = draftFieldsSchema.safeParse(values, { error: formErrorMap });
  if (result.success) return null;
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const [field, index] = issue.path;
    if (field === "suggested_questions" && typeof index === "number") {
      (errors.questions ??= [])[index] = issue.message;
    } else if (typeof field === "string") {
      errors[field as DraftFieldName] ??= issue.message;
    }
  }
  return errors;
}

export function CreateFromFiles() {
  const [files, setFiles] = useState<File[]>([]);
  const [draft, setDraft] = useState<AssistantDraft | null>(null);
  const [drafting, setDrafting] = useState(false);
  const [values, setValues] = useState<DraftFieldValues>(emptyDraftFields);
  const [edited, setEdited] = useState<ReadonlySet<DraftFieldName>>(new Set());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const drafts = useRef<AbortController | null>(null);
  const create = useCreate(files);
  const busy = progress !== null;
  useUnsavedChanges(files.length > 0);

  async function redraft(next: File[]) {
    drafts.current?.abort();
    setFiles(next);
    setError(null);
    if (next.length === 0) {
      setDraft(null);
      setDrafting(false);
      return;
    }
    const controller = new AbortController();
    drafts.current = controller;
    setDrafting(true);
    const form = new FormData();
    for (const file of next) form.append("file", file, file.name);
    try {
      const answer = await postMultipart<AssistantDraft>("/admin/assistants/auto/draft", form, {
        signal: controller.signal,
      });
      setDraft(answer);
      setValues((current) => mergeDraft(current, answer, edited));
    } catch (caught) {
      if (isAbortError(caught)) return;
      setDraft(null);
      setError(errorMessage(caught));
    }
    setDrafting(false);
  }

  function change<K extends DraftFieldName>(field: K, value: DraftFieldValues[K]) {
    setEdited((fields) => new Set(fields).add(field));
    setValues((current) => {
      const next = { ...current, [field]: value };
      // A renamed assistant gets an id from its new name unless the id was chosen by hand.
      if (field === "name" && !edited.has("id")) next.id = "";
      return next;
    });
  }

  async function submit() {
    const found = errorsOf(values);
    setErrors(found ?? {});
    if (found || !draft) return;
    setError(null);
    setProgress(0);
    try {
      await create(draftFieldsSchema.parse(values), setProgress);
    } catch (caught) {
      setError(errorMessage(caught));
      setProgress(null);
    }
  }

  const disabled = busy || drafting;
  return (
    <form
      aria-label="Create from files"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Card className="divide-y divide-stone-200 dark:divide-stone-800">
        <CardSection
          title="Documents"
          description="The assistant answers from these files. Each is read as ingestion will read it, and its settings are drafted from them."
        >
          <div className="space-y-4">
            {error && <Alert title="Could not create the assistant">{error}</Alert>}
            <DropZone
              label="Upload files"
              hint={`${acceptedFileTypesText}.`}
              onFiles={(added) =>
                void redraft([
                  ...files,
                  ...added.filter((file) => !files.some((kept) => sameFile(kept, file))),
                ])
              }
              disabled={busy}
            />
            {files.length > 0 && (
              <ul aria-label="Selected files" className="space-y-1">
                {files.map((file, index) => (
                  <li
                    key={`${file.name}-${file.size}-${file.lastModified}`}
                    className="flex items-center gap-3 rounded-md border border-stone-200 px-3 py-1.5 text-sm dark:border-stone-800"
                  >
                    <span className="min-w-0 flex-1 truncate text-stone-900 dark:text-stone-100">
                      {file.name}
                    </span>
                    <span className="shrink-0 text-xs text-stone-500 tabular-nums dark:text-stone-400">
                      {formatBytes(file.size)}
                    </span>
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={busy}
                      onClick={() => void redraft(files.filter((_, at) => at !== index))}
                    >
                      <X aria-hidden className="size-3.5" />
                      <span className="sr-only">Remove {file.name}</span>
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {drafting && <Spinner label="Reading the files and drafting the assistant…" />}
          </div>
        </CardSection>
        {draft && (
          <CardSection
            title="Preview"
            description="What ingestion will make of each file: its title, the text extracted from it and the first chunks retrieval will search."
          >
            <div className="space-y-4">
              {draft.files.map((file) => (
                <FileDraftPreview key={file.filename} file={file} />
              ))}
            </div>
          </CardSection>
        )}
        {draft && (
          <DraftSettings
            draft={draft}
            values={values}
            errors={errors}
            disabled={disabled}
            onChange={change}
          />
        )}
        <div className="flex flex-wrap items-center justify-end gap-3 rounded-b-lg bg-stone-50 px-5 py-4 sm:px-6 dark:bg-stone-900/60">
          {busy && (
            <div
              role="progressbar"
              aria-label="Uploading files"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={progress}
              className="h-1.5 w-40 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-700"
            >
              <div className="h-full rounded-full bg-brand-600" style={{ width: `${progress}%` }} />
            </div>
          )}
          <Button type="submit" pending={busy} disabled={!draft || drafting}>
            Create assistant
          </Button>
        </div>
      </Card>
    </form>
  );
}

function DraftSettings({
  draft,
  values,
  errors,
  disabled,
  onChange,
}: {
  draft: AssistantDraft;
  values: DraftFieldValues;
  errors: FieldErrors;
  disabled: boolean;
  onChange: <K extends DraftFieldName>(field: K, value: DraftFieldValues[K]) => void;
}) {
  return (
    <CardSection
      title="Settings"
      description={
        <span className="inline-flex flex-wrap items-center gap-2">
          Review and edit before creating.
          <Badge tone={draft.drafted_by === "model" ? "brand" : "neutral"}>
            {draft.drafted_by === "model" ? "Drafted by the model" : "Drafted from the headings"}
          </Badge>
        </span>
      }
    >
      <div className="grid max-w-3xl gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="draft-name" label="Name" required error={errors.name}>
            {(c) => (
              <Input
                {...c}
                autoComplete="off"
                maxLength={200}
                value={values.name}
                disabled={disabled}
                onChange={(event) => onChange("name", event.target.value)}
              />
            )}
          </Field>
          <Field
            id="draft-id"
            label="Id"
            hint="Used in URLs and the API. Empty: made from the name."
            error={errors.id}
          >
            {(c) => (
              <Input
                {...c}
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
                className="font-mono"
                value={values.id}
                disabled={disabled}
                onChange={(event) => onChange("id", event.target.value)}
              />
            )}
          </Field>
        </div>
        <Field id="draft-description" label="Description" error={errors.description}>
          {(c) => (
            <Textarea
              {...c}
              rows={2}
              value={values.description}
              disabled={disabled}
              onChange={(event) => onChange("description", event.target.value)}
            />
          )}
        </Field>
        <Field id="draft-instructions" label="Instructions" error={errors.instructions}>
          {(c) => (
            <Textarea
              {...c}
              rows={5}
              value={values.instructions}
              disabled={disabled}
              onChange={(event) => onChange("instructions", event.target.value)}
            />
          )}
        </Field>
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-stone-800 dark:text-stone-200">
            Suggested questions
          </legend>
          <p className="text-xs text-stone-500 dark:text-stone-400">
            Offered as one-click starters in the playground while a conversation is empty.
          </p>
          <SuggestedQuestionsEditor
            id="draft-question"
            value={values.suggested_questions}
            errors={errors.questions}
            disabled={disabled}
            onChange={(questions) => onChange("suggested_questions", questions)}
          />
        </fieldset>
      </div>
    </CardSection>
  );
}

/** Sends the files and the reviewed fields, then opens the new assistant's Knowledge tab. */
function useCreate(files: readonly File[]) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  return async (fields: Parameters<typeof autoAssistantForm>[1], onProgress: (percent: number) => void) => {
    const assistant = await postMultipart<AutoAssistantResult>(
      "/admin/assistants/auto",
      autoAssistantForm(files, fields),
      { onProgress: ({ loaded, total }) => onProgress(total > 0 ? Math.round((loaded / total) * 100) : 0) },
    );
    const { vector_store_id: _store, files: _files, ...dto } = assistant;
    queryClient.setQueryData(trpc.assistants.get.queryKey({ id: dto.id }), dto);
    await queryClient.invalidateQueries(trpc.assistants.list.pathFilter());
    toast.success(`Created ${dto.name}`, {
      description:
        files.length === 1 ? "Its file is being indexed." : `Its ${files.length} files are being indexed.`,
    });
    router.push(`/console/assistants/${encodeURIComponent(dto.id)}/knowledge`);
  };
}
