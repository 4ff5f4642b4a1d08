// The assistant form's values and validation. Inputs hold strings (an empty number field means
// "not set"); the schema turns them into the API's shape, reusing the limits of the server's own
// schemas, so the form refuses exactly what the server would.
import { z } from "zod";
import { commaListField } from "../../_lib/comma-list";
import { noQuotaValues, quotaForPath, quotasField, toQuotaFormValues } from "../quotas/quota-form-schema";
import {
  assistantSchema,
  createAssistantInputSchema,
  reasoningEffortSchema,
  suggestedQuestionsSchema,
  updateAssistantInputSchema,
  type AssistantDto,
  type CreateAssistantAutoInput,
  type SlaStep,
} from "@/server/schemas/assistant";
import {
  toolFieldForPath,
  toolLimitsField,
  toolsField,
  toToolFormValues,
  toToolLimitsValues,
  unchangedToolInput,
} from "./tool-form-schema";

export const MAX_METADATA_PAIRS = 16;
export const MAX_SLA_STEPS = 8;

const generation = assistantSchema.shape.generation.shape;
const rag = assistantSchema.shape.rag.shape;
const chunking = rag.chunking.shape;
const slaSettings = assistantSchema.shape.sla.shape;
const settings = updateAssistantInputSchema.shape;

const isBlank = (value: string) => value.trim() === "";

/** A number field that may be left empty (sent as null). */
function optionalNumber<T extends z.ZodType<number | null, number | null>>(target: T) {
  return z
    .string()
    .transform((value) => (isBlank(value) ? null : Number(value)))
    .pipe(target);
}

function requiredNumber<T extends z.ZodType<number, number>>(target: T) {
  return z
    .string()
    .refine((value) => !isBlank(value), "Required")
    .transform(Number)
    .pipe(target);
}

/** Seconds in the form, milliseconds in the API. */
function seconds(required: boolean) {
  const value = z.number().positive().max(3600);
  return (required ? requiredNumber(value) : optionalNumber(value.nullable())).transform((s) =>
    s === null ? null : Math.round(s * 1000),
  );
}

const idField = z
  .string()
  .trim()
  .superRefine((id, ctx) => {
    if (id === "") return;
    const result = createAssistantInputSchema.shape.id.safeParse(id);
    for (const issue of result.error?.issues ?? []) ctx.addIssue({ code: "custom", message: issue.message });
  });

const metadataField = z
  .array(z.object({ key: z.string().trim(), value: z.string() }))
  .max(MAX_METADATA_PAIRS)
  .superRefine((pairs, ctx) => {
    const seen = new Set<string>();
    pairs.forEach(({ key, value }, index) => {
      if (key === "" && value === "") return;
      if (key === "") ctx.addIssue({ code: "custom", path: [index, "key"], message: "Enter a key" });
      else if (key.length > 64)
        ctx.addIssue({ code: "custom", path: [index, "key"], message: "At most 64 characters" });
      else if (seen.has(key))
        ctx.addIssue({ code: "custom", path: [index, "key"], message: "This key is already used" });
      if (value.length > 512)
        ctx.addIssue({ code: "custom", path: [index, "value"], message: "At most 512 characters" });
      seen.add(key);
    });
  })
  .transform((pairs) =>
    Object.fromEntries(pairs.filter((pair) => pair.key !== "").map((pair) => [pair.key, pair.value])),
  );

/** One rung of the degradation ladder; a blank field leaves that setting as it is. */
const slaStepField = z
  .object({
    reasoning_effort: z.enum(["", ...reasoningEffortSchema.options]),
    max_output_tokens: optionalNumber(generation.max_output_tokens),
    model: z.string().trim().max(200),
  })
  .transform((step, ctx) => {
    const overrides: SlaStep = {};
    if (step.reasoning_effort !== "") overrides.reasoning_effort = step.reasoning_effort;
    if (step.max_output_tokens !== null) overrides.max_output_tokens = step.max_output_tokens;
    if (step.model !== "") overrides.model = step.model;
    if (Object.keys(overrides).length === 0) {
      ctx.addIssue({ code: "custom", message: "A step overrides at least one setting" });
      return z.NEVER;
    }
    return overrides;
  });

export type SlaStepValues = z.input<typeof slaStepField>;

export const emptySlaStep: SlaStepValues = { reasoning_effort: "", max_output_tokens: "", model: "" };

export function toSlaStepValues(step: SlaStep): SlaStepValues {
  return {
    reasoning_effort: step.reasoning_effort ?? "",
    max_output_tokens: step.max_output_tokens === undefined ? "" : String(step.max_output_tokens),
    model: step.model ?? "",
  };
}

export function assistantFormSchema(mode: "create" | "edit") {
  return z.object({
    id: idField,
    name: settings.name.unwrap(),
    description: settings.description.unwrap(),
    instructions: settings.instructions.unwrap(),
    // Empty on creation means the deployment's default model; an existing assistant keeps one.
    model: mode === "create" ? z.string().trim().max(200) : settings.model.unwrap(),
    // Comma-separated in the form, a list in the API.
    fallback_models: commaListField.pipe(settings.fallback_models.unwrap()),
    enabled: z.boolean(),
    generation: z.object({
      temperature: optionalNumber(generation.temperature),
      top_p: optionalNumber(generation.top_p),
      max_output_tokens: optionalNumber(generation.max_output_tokens),
      reasoning_effort: generation.reasoning_effort,
    }),
    rag: z
      .object({
        top_k: requiredNumber(rag.top_k),
        score_threshold: requiredNumber(rag.score_threshold),
        mode: rag.mode,
        chunking: z.object({
          max_chunk_size_tokens: requiredNumber(chunking.max_chunk_size_tokens),
          chunk_overlap_tokens: requiredNumber(chunking.chunk_overlap_tokens),
        }),
      })
      .superRefine(({ chunking: { max_chunk_size_tokens: size, chunk_overlap_tokens: overlap } }, ctx) => {
        if (typeof size === "number" && typeof overlap === "number" && overlap * 2 > size) {
          ctx.addIssue({
            code: "custom",
            path: ["chunking", "chunk_overlap_tokens"],
            message: "At most half of the chunk size",
          });
        }
      }),
    sla: z
      .object({
        avg_s: seconds(true),
        p95_s: seconds(false),
        ttft_s: seconds(false),
        control: slaSettings.control,
        degradation: z.array(slaStepField).max(MAX_SLA_STEPS),
      })
      .transform(({ avg_s, p95_s, ttft_s, control, degradation }) => ({
        avg_ms: avg_s ?? undefined,
        p95_ms: p95_s,
        ttft_ms: ttft_s,
        control,
        degradation,
      })),
    tools: toolsField,
    tool_limits: toolLimitsField,
    // Empty keeps sessions forever.
    retention_days: optionalNumber(assistantSchema.shape.retention_days),
    // Limits on each end user (the `user` an API caller names, or a widget visitor); empty: none.
    end_user_quotas: quotasField,
    // Blank inputs are dropped: an added question left empty is no question.
    suggested_questions: z
      .array(z.string().trim().max(200))
      .transform((questions) => questions.filter((question) => question !== ""))
      .pipe(suggestedQuestionsSchema),
    metadata: metadataField,
  });
}

type AssistantFormSchema = ReturnType<typeof assistantFormSchema>;
export type AssistantFormValues = z.input<AssistantFormSchema>;
export type AssistantFormOutput = z.output<AssistantFormSchema>;

const text = (value: number | null) => (value === null ? "" : String(value));

export const newAssistantDefaults: AssistantFormValues = {
  id: "",
  name: "",
  description: "",
  instructions: "",
  model: "",
  fallback_models: "",
  enabled: true,
  generation: { temperature: "", top_p: "", max_output_tokens: "", reasoning_effort: "medium" },
  rag: {
    top_k: "5",
    score_threshold: "0.3",
    mode: "forward_when_no_context",
    chunking: { max_chunk_size_tokens: "800", chunk_overlap_tokens: "400" },
  },
  sla: { avg_s: "90", p95_s: "", ttft_s: "", control: "off", degradation: [] },
  tools: [],
  tool_limits: { max_steps: "4", max_s: "60", max_tokens: "" },
  retention_days: "",
  end_user_quotas: noQuotaValues,
  suggested_questions: [],
  metadata: [],
};

export type SlaPreset = { label: string; steps: SlaStep[] };

const LENGTH_CAPS = [1024, 512];

/** gpt-oss-120b's smaller sibling (same prefix, e.g. "openai/"), when the model is a 120b GPT-OSS. */
export function smallerGptOssModel(model: string): string | null {
  const name = model.trim();
  return /gpt-oss-120b/i.test(name) ? name.replace(/120b/i, "20b") : null;
}

/**
 * Ladders for GPT-OSS, mildest first: less reasoning, then a cap on the answer's length, then the
 * smaller model. Each rung must actually be milder than the assistant's own settings (a "medium"
 * step on a medium assistant would change nothing), so the presets follow the form's values.
 */
export function slaPresets(values: {
  model: string;
  generation: Pick<AssistantFormValues["generation"], "reasoning_effort" | "max_output_tokens">;
}): SlaPreset[] {
  const efforts = reasoningEffortSchema.options; // From low to high.
  const effort = values.generation.reasoning_effort;
  const reasoning: SlaStep[] = efforts
    .slice(0, efforts.indexOf(effort))
    .reverse()
    .map((reasoning_effort) => ({ reasoning_effort }));
  const max = values.generation.max_output_tokens;
  const ceiling = isBlank(max) || !Number.isFinite(Number(max)) ? Infinity : Number(max);
  const length: SlaStep[] = LENGTH_CAPS.filter((cap) => cap < ceiling).map((cap) => ({
    max_output_tokens: cap,
  }));
  const smaller = smallerGptOssModel(values.model);
  // Named as in "Reasoning, length, then gpt-oss-20b".
  const groups = [
    { name: "reasoning", steps: reasoning },
    { name: "length", steps: length },
    ...(smaller ? [{ name: smaller, steps: [{ model: smaller }] }] : []),
  ].filter((group) => group.steps.length > 0);

  return groups.map((_, index) => {
    const names = groups.slice(0, index + 1).map((group) => group.name);
    const last = names.pop() ?? "";
    const label = names.length === 0 ? `${last} only` : `${names.join(", ")}, then ${last}`;
    return {
      label: label.replace(/^(reasoning|length)/, (word) => word.charAt(0).toUpperCase() + word.slice(1)),
      steps: groups.slice(0, index + 1).flatMap((group) => group.steps),
    };
  });
}

/** The new-assistant form, prefilled with the instance's default model and SLA (see Settings). */
export function withInstanceDefaults(
  values: AssistantFormValues,
  defaults: { default_model: string; default_sla_avg_ms: number },
): AssistantFormValues {
  return {
    ...values,
    model: defaults.default_model,
    sla: { ...values.sla, avg_s: text(defaults.default_sla_avg_ms / 1000) },
  };
}

export function toFormValues(assistant: AssistantDto): AssistantFormValues {
  const { generation: g, rag: r, sla } = assistant;
  return {
    id: assistant.id,
    name: assistant.name,
    description: assistant.description,
    instructions: assistant.instructions,
    model: assistant.model,
    fallback_models: assistant.fallback_models.join(", "),
    enabled: assistant.enabled,
    generation: {
      temperature: text(g.temperature),
      top_p: text(g.top_p),
      max_output_tokens: text(g.max_output_tokens),
      reasoning_effort: g.reasoning_effort,
    },
    rag: {
      top_k: text(r.top_k),
      score_threshold: text(r.score_threshold),
      mode: r.mode,
      chunking: {
        max_chunk_size_tokens: text(r.chunking.max_chunk_size_tokens),
        chunk_overlap_tokens: text(r.chunking.chunk_overlap_tokens),
      },
    },
    sla: {
      avg_s: text(sla.avg_ms / 1000),
      p95_s: sla.p95_ms === null ? "" : text(sla.p95_ms / 1000),
      ttft_s: sla.ttft_ms === null ? "" : text(sla.ttft_ms / 1000),
      control: sla.control,
      degradation: sla.degradation.map(toSlaStepValues),
    },
    tools: assistant.tools.map(toToolFormValues),
    tool_limits: toToolLimitsValues(assistant.tool_limits),
    retention_days: text(assistant.retention_days),
    end_user_quotas: toQuotaFormValues(assistant.end_user_quotas),
    suggested_questions: [...assistant.suggested_questions],
    metadata: Object.entries(assistant.metadata).map(([key, value]) => ({ key, value })),
  };
}

/** Everything the form sets, as the create procedures take it (no id). */
export function toSettingsInput(values: AssistantFormOutput): CreateAssistantAutoInput {
  const { id: _id, model, ...rest } = values;
  return { ...rest, ...(model ? { model } : {}) };
}

function isEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => isEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/**
 * Only the top-level settings that differ from the saved assistant (a partial update). The tools
 * are compared as the API would take the saved ones back: a secret header replaced or removed is a
 * change; one left as it was is not.
 */
export function toPatch(values: AssistantFormOutput, saved: AssistantDto): CreateAssistantAutoInput {
  const next = toSettingsInput(values);
  const patch: CreateAssistantAutoInput = {};
  for (const key of Object.keys(next) as Array<keyof CreateAssistantAutoInput>) {
    if (key === "enabled") continue; // The edit page toggles it apart from the form.
    const before = key === "tools" ? saved.tools.map(unchangedToolInput) : saved[key];
    if (!isEqual(next[key], before)) Object.assign(patch, { [key]: next[key] });
  }
  return patch;
}

/** The form field a server-side validation path refers to, if the form has one. */
export function formFieldForPath(path: string): string | undefined {
  const field = path
    .replace(/^patch\./, "")
    .replace(/^sla\.(avg|p95|ttft)_ms$/, "sla.$1_s")
    .replace(/^fallback_models\.\d+$/, "fallback_models");
  // A step, or one of its settings; the ladder as a whole (too many steps) shows under the list.
  if (/^sla\.degradation\.\d+(\.(reasoning_effort|max_output_tokens|model))?$/.test(field)) return field;
  if (field === "sla.degradation") return "sla.degradation.root";
  if (/^suggested_questions\.\d+$/.test(field)) return field;
  if (/^tool(s|_limits)\b/.test(field)) return toolFieldForPath(field);
  const quota = quotaForPath(field, "end_user_quotas");
  if (quota) return `end_user_quotas.${quota}`;
  const known = [
    "id",
    "name",
    "description",
    "instructions",
    "model",
    "fallback_models",
    "generation.temperature",
    "generation.top_p",
    "generation.max_output_tokens",
    "generation.reasoning_effort",
    "rag.top_k",
    "rag.score_threshold",
    "rag.mode",
    "rag.chunking.max_chunk_size_tokens",
    "rag.chunking.chunk_overlap_tokens",
    "sla.avg_s",
    "sla.p95_s",
    "sla.ttft_s",
    "sla.control",
    "retention_days",
    "suggested_questions",
  ];
  return known.includes(field) ? field : undefined;
}
