"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useState, type ComponentProps, type ReactNode } from "react";
import { Controller, useForm, useWatch, type FieldPath, type UseFormRegisterReturn } from "react-hook-form";
import type { AssistantDto } from "@/server/schemas/assistant";
import { errorCode, errorMessage, fieldIssues } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { commaListField } from "../../_lib/comma-list";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Alert } from "../ui/alert";
import { Button, buttonClasses } from "../ui/button";
import { Card, CardSection } from "../ui/card";
import { Field, FieldError } from "../ui/field";
import { Checkbox, Input, Select, Textarea } from "../ui/input";
import { QuotaFields } from "../quotas/quota-fields";
import {
  assistantFormSchema,
  formFieldForPath,
  type AssistantFormOutput,
  type AssistantFormValues,
} from "./assistant-form-schema";
import { MetadataEditor } from "./metadata-editor";
import { servedModels, unservedModels, UNSERVED_MODEL_WARNING } from "./served-models";
import { SlaControlEditor } from "./sla-control-editor";
import { SuggestedQuestionsEditor } from "./suggested-questions-editor";
import { ToolLimitsFields, ToolsEditor } from "./tools-editor";

type AssistantFormProps = {
  mode: "create" | "edit";
  defaultValues: AssistantFormValues;
  /** Saves the values; a thrown tRPC error is shown on the fields it names, or above the form. */
  onSubmit: (values: AssistantFormOutput) => Promise<AssistantFormValues | void>;
  readOnly?: boolean;
};

const grid = "grid gap-4 sm:grid-cols-2";

const ragModes: Record<AssistantDto["rag"]["mode"], [label: string, explanation: string]> = {
  forward_when_no_context: [
    "Search; ask the model anyway",
    "Relevant passages go into the prompt; with none, the question goes to the model as it is.",
  ],
  knowledge_only: [
    "Search; refuse if nothing fits",
    "Relevant passages go into the prompt; with none, the assistant refuses instead of asking the model.",
  ],
  tool: [
    "The model searches (tool)",
    "Nothing is searched up front: the model gets a search_knowledge tool and searches when, and for what, it decides. Needs an OpenAI-compatible backend; the tool limits below apply.",
  ],
};

export function AssistantForm({ mode, defaultValues, onSubmit, readOnly = false }: AssistantFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<AssistantFormValues, unknown, AssistantFormOutput>({
    resolver: zodResolver(assistantFormSchema(mode), { error: formErrorMap }),
    defaultValues,
  });
  useUnsavedChanges(isDirty);
  const ragMode = useWatch({ control, name: "rag.mode" });
  const served = useServedModels();
  const model = useWatch({ control, name: "model" });
  const fallbackModels = useWatch({ control, name: "fallback_models" });
  const modelUnserved = unservedModels([model], served).length > 0;
  const fallbacksUnserved = unservedModels(commaListField.parse(fallbackModels), served);

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await onSubmit(values);
      if (saved) reset(saved);
    } catch (error) {
      showServerError(error, values);
    }
  });

  function showServerError(error: unknown, values: AssistantFormOutput) {
    if (mode === "create" && errorCode(error) === "CONFLICT" && values.id !== "") {
      setError("id", { message: errorMessage(error) }, { shouldFocus: true });
      return;
    }
    let placed = false;
    for (const issue of fieldIssues(error)) {
      const field = formFieldForPath(issue.path);
      if (field) {
        setError(
          field as FieldPath<AssistantFormValues>,
          { message: issue.message },
          { shouldFocus: !placed },
        );
        placed = true;
      }
    }
    setFormError(errorMessage(error));
  }

  const e = errors;
  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={mode === "create" ? "New assistant" : "Assistant settings"}
    >
      <fieldset disabled={readOnly || isSubmitting} className="contents">
        <Card className="divide-y divide-stone-200 dark:divide-stone-800">
          {formError && (
            <div className="p-5 sm:p-6">
              <Alert
                title={mode === "create" ? "Could not create the assistant" : "Could not save the changes"}
              >
                {formError}
              </Alert>
            </div>
          )}
          <CardSection title="Basics">
            <div className={grid}>
              {mode === "create" && (
                <Field
                  id="id"
                  label="Id"
                  hint="Used in API paths. Lowercase letters, digits, '-' and '_'. Leave empty to generate one from the name."
                  error={e.id?.message}
                >
                  {(c) => (
                    <Input
                      {...c}
                      className="font-mono"
                      autoComplete="off"
                      spellCheck={false}
                      {...register("id")}
                    />
                  )}
                </Field>
              )}
              <Field id="name" label="Name" required error={e.name?.message}>
                {(c) => <Input {...c} autoComplete="off" {...register("name")} />}
              </Field>
              <Field
                id="model"
                label="Model"
                required={mode === "edit"}
                hint={
                  mode === "create"
                    ? "Prefilled with the default model (Settings); leave empty to use it. Suggests the models the enabled backends serve."
                    : "Served by a registered backend; suggests the models the enabled backends serve."
                }
                error={e.model?.message}
              >
                {(c) => (
                  <>
                    <Input
                      {...c}
                      aria-describedby={describedBy(c["aria-describedby"], modelUnserved && "model-warning")}
                      list="served-models"
                      autoComplete="off"
                      spellCheck={false}
                      placeholder={mode === "create" ? "Default model" : undefined}
                      {...register("model")}
                    />
                    {modelUnserved && (
                      <ModelWarning id="model-warning">{UNSERVED_MODEL_WARNING}</ModelWarning>
                    )}
                  </>
                )}
              </Field>
              <Field
                id="fallback_models"
                label="Fallback models"
                hint="Comma-separated; tried in order when no backend of the model is healthy."
                error={e.fallback_models?.message}
              >
                {(c) => (
                  <>
                    <Input
                      {...c}
                      aria-describedby={describedBy(
                        c["aria-describedby"],
                        fallbacksUnserved.length > 0 && "fallback-models-warning",
                      )}
                      autoComplete="off"
                      spellCheck={false}
                      {...register("fallback_models")}
                    />
                    {fallbacksUnserved.length > 0 && (
                      <ModelWarning id="fallback-models-warning">
                        No enabled backend serves {fallbacksUnserved.join(", ")}: skipped as{" "}
                        {fallbacksUnserved.length === 1 ? "a fallback" : "fallbacks"} until one does.
                      </ModelWarning>
                    )}
                  </>
                )}
              </Field>
              {served && (
                <datalist id="served-models">
                  {served.map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
              )}
              <Field
                id="description"
                label="Description"
                error={e.description?.message}
                className="sm:col-span-2"
              >
                {(c) => <Textarea {...c} rows={2} {...register("description")} />}
              </Field>
              {mode === "create" && (
                <div className="flex items-center gap-2 sm:col-span-2">
                  <Checkbox id="enabled" {...register("enabled")} />
                  <label htmlFor="enabled" className="text-sm text-stone-800 dark:text-stone-200">
                    Enabled{" "}
                    <span className="text-stone-500 dark:text-stone-400">
                      (accepts requests as soon as it is created)
                    </span>
                  </label>
                </div>
              )}
            </div>
          </CardSection>

          <CardSection
            title="Instructions"
            description="The system prompt: who the assistant is and how it answers."
          >
            <Field id="instructions" label="Instructions" error={e.instructions?.message}>
              {(c) => <Textarea {...c} rows={8} className="font-mono" {...register("instructions")} />}
            </Field>
          </CardSection>

          <CardSection
            title="Suggested questions"
            description="Up to five questions offered as one-click starters while a conversation is empty."
          >
            <Controller
              control={control}
              name="suggested_questions"
              render={({ field }) => (
                <SuggestedQuestionsEditor
                  id="suggested-question"
                  value={field.value}
                  onChange={field.onChange}
                  errors={Array.from(
                    { length: field.value.length },
                    (_, index) => e.suggested_questions?.[index]?.message,
                  )}
                  disabled={readOnly}
                />
              )}
            />
            {(e.suggested_questions?.message ?? e.suggested_questions?.root?.message) && (
              <FieldError>
                {e.suggested_questions?.message ?? e.suggested_questions?.root?.message}
              </FieldError>
            )}
          </CardSection>

          <CardSection title="Generation" description="Leave a number empty to use the model's default.">
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <NumberField
                id="temperature"
                label="Temperature"
                hint="0 to 2"
                error={e.generation?.temperature?.message}
                step="0.1"
                min={0}
                max={2}
                registration={register("generation.temperature")}
              />
              <NumberField
                id="top_p"
                label="Top P"
                hint="Above 0, up to 1"
                error={e.generation?.top_p?.message}
                step="0.05"
                min={0}
                max={1}
                registration={register("generation.top_p")}
              />
              <NumberField
                id="max_output_tokens"
                label="Max output tokens"
                error={e.generation?.max_output_tokens?.message}
                step="1"
                min={1}
                registration={register("generation.max_output_tokens")}
              />
              <Field
                id="reasoning_effort"
                label="Reasoning effort"
                error={e.generation?.reasoning_effort?.message}
              >
                {(c) => (
                  <Select {...c} {...register("generation.reasoning_effort")}>
                    <option value="low">Low</option>
                    <option value="medium">Medium</option>
                    <option value="high">High</option>
                  </Select>
                )}
              </Field>
            </div>
          </CardSection>

          <CardSection
            title="Knowledge (RAG)"
            description="How passages from the assistant's files are retrieved and used."
          >
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              <NumberField
                id="top_k"
                label="Top K"
                hint="Passages retrieved, 1 to 50"
                error={e.rag?.top_k?.message}
                step="1"
                min={1}
                max={50}
                registration={register("rag.top_k")}
              />
              <NumberField
                id="score_threshold"
                label="Score threshold"
                hint="0 to 1: below it a passage is not relevant"
                error={e.rag?.score_threshold?.message}
                step="0.05"
                min={0}
                max={1}
                registration={register("rag.score_threshold")}
              />
              <Field
                id="rag_mode"
                label="How knowledge is used"
                hint={ragModes[ragMode][1]}
                error={e.rag?.mode?.message}
              >
                {(c) => (
                  <Select {...c} {...register("rag.mode")}>
                    {Object.entries(ragModes).map(([value, [label]]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <NumberField
                id="chunk_size"
                label="Chunk size (tokens)"
                hint="100 to 4096"
                error={e.rag?.chunking?.max_chunk_size_tokens?.message}
                step="1"
                min={100}
                max={4096}
                registration={register("rag.chunking.max_chunk_size_tokens")}
              />
              <NumberField
                id="chunk_overlap"
                label="Chunk overlap (tokens)"
                hint="At most half the chunk size"
                error={e.rag?.chunking?.chunk_overlap_tokens?.message}
                step="1"
                min={0}
                registration={register("rag.chunking.chunk_overlap_tokens")}
              />
            </div>
          </CardSection>

          <CardSection
            title="Tools"
            description="HTTP operations and MCP servers that Hearth calls for the model, between its steps, within the limits below. They need an OpenAI-compatible backend."
          >
            <div className="space-y-6">
              <ToolsEditor control={control} register={register} errors={e.tools} disabled={readOnly} />
              <ToolLimitsFields register={register} errors={e.tool_limits} />
            </div>
          </CardSection>

          <CardSection
            title="SLA"
            description="Targets in seconds, which the SLA load test and telemetry judge this assistant against, and how answers are kept within them."
          >
            <div className="space-y-6">
              <div className="grid gap-4 sm:grid-cols-3">
                <NumberField
                  id="sla_avg"
                  label="Average response time (s)"
                  required
                  error={e.sla?.avg_s?.message}
                  step="0.1"
                  min={0}
                  registration={register("sla.avg_s")}
                />
                <NumberField
                  id="sla_p95"
                  label="p95 response time (s)"
                  hint="Optional"
                  error={e.sla?.p95_s?.message}
                  step="0.1"
                  min={0}
                  registration={register("sla.p95_s")}
                />
                <NumberField
                  id="sla_ttft"
                  label="Time to first token (s)"
                  hint="Optional"
                  error={e.sla?.ttft_s?.message}
                  step="0.1"
                  min={0}
                  registration={register("sla.ttft_s")}
                />
              </div>
              <SlaControlEditor control={control} register={register} errors={e.sla} disabled={readOnly} />
            </div>
          </CardSection>

          <CardSection
            title="Retention"
            description="How long conversations are kept. A daily job deletes the sessions, with their messages, whose last activity is older than this."
          >
            <div className={grid}>
              <NumberField
                id="retention_days"
                label="Keep sessions for (days)"
                hint="1 to 3650; leave empty to keep them forever."
                error={e.retention_days?.message}
                step="1"
                min={1}
                max={3650}
                registration={register("retention_days")}
              />
            </div>
          </CardSection>

          <CardSection
            title="End-user quotas"
            description={
              <>
                Limits for each end user of this assistant: each <code className="font-mono">user</code> that
                API callers name, and each widget visitor. Leave a field empty for no limit; a question over a
                limit is refused with 429.
              </>
            }
          >
            <QuotaFields
              idPrefix="end-user-quotas"
              className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
              register={(name) => register(`end_user_quotas.${name}`)}
              errors={e.end_user_quotas}
            />
          </CardSection>

          <CardSection title="Metadata" description="Up to 16 key-value pairs for your own bookkeeping.">
            <MetadataEditor control={control} register={register} errors={e.metadata} disabled={readOnly} />
          </CardSection>

          {!readOnly && (
            <div className="flex flex-wrap items-center justify-end gap-2 rounded-b-lg bg-stone-50 px-5 py-4 sm:px-6 dark:bg-stone-900/60">
              <Link href="/console/assistants" className={buttonClasses({ variant: "secondary" })}>
                Cancel
              </Link>
              <Button type="submit" pending={isSubmitting}>
                {mode === "create" ? "Create assistant" : "Save changes"}
              </Button>
            </div>
          )}
        </Card>
      </fieldset>
    </form>
  );
}

/** The models the enabled backends serve (any role may read the backends); null until known. */
function useServedModels(): string[] | null {
  const trpc = useTRPC();
  const backends = useQuery(trpc.backends.list.queryOptions());
  return backends.data ? servedModels(backends.data.data) : null;
}

const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(" ") || undefined;

/** A warning under a field, read with it (aria-describedby) rather than announced at each keystroke. */
function ModelWarning({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="flex gap-1.5 text-sm text-amber-800 dark:text-amber-300">
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </p>
  );
}

/** A numeric setting: whole numbers get the numeric keypad, fractional steps the decimal one. */
function NumberField({
  registration,
  step,
  min,
  max,
  ...field
}: Omit<ComponentProps<typeof Field>, "children"> & {
  registration: UseFormRegisterReturn;
  step: string;
  min?: number;
  max?: number;
}) {
  return (
    <Field {...field}>
      {(c) => (
        <Input
          {...c}
          type="number"
          step={step}
          min={min}
          max={max}
          inputMode={Number.isInteger(Number(step)) ? "numeric" : "decimal"}
          {...registration}
        />
      )}
    </Field>
  );
}
