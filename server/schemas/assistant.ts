// Assistant schemas: what the admin API and the console accept and return.
import { z } from "zod";
import {
  assistantToolSchema,
  assistantToolsInputSchema,
  toolLimitsSchema,
  toolLimitsShape,
} from "./assistant-tools";
import {
  booleanQuerySchema,
  cursorSchema,
  deletedSchema,
  idSlugSchema,
  limitSchema,
  listSchema,
  metadataSchema,
  timestampSchema,
} from "./common";
import { quotasSchema } from "./quotas";

export const reasoningEffortSchema = z.enum(["low", "medium", "high"]);
export type ReasoningEffort = z.infer<typeof reasoningEffortSchema>;
export const ragModeSchema = z.enum(["forward_when_no_context", "knowledge_only", "tool"]).meta({
  description:
    "`forward_when_no_context` (default): with no relevant passage the question goes to the model directly. " +
    "`knowledge_only`: with no relevant passage the assistant refuses instead of calling the model. " +
    "`tool`: nothing is searched up front; the model is given a `search_knowledge` tool and searches when, " +
    "and for what, it decides (needs an OpenAI-compatible backend).",
});

/** The most output tokens any answer may be given (an assistant's setting, a run's override). */
export const MAX_OUTPUT_TOKENS_LIMIT = 131_072;

const generationShape = {
  temperature: z.number().min(0).max(2).nullable(),
  top_p: z.number().gt(0).max(1).nullable(),
  max_output_tokens: z.number().int().min(1).max(MAX_OUTPUT_TOKENS_LIMIT).nullable(),
  reasoning_effort: reasoningEffortSchema,
};
const chunkingShape = {
  max_chunk_size_tokens: z.number().int().min(100).max(4096),
  chunk_overlap_tokens: z.number().int().min(0).max(2048),
};
const ragShape = {
  top_k: z.number().int().min(1).max(50),
  score_threshold: z.number().min(0).max(1),
  mode: ragModeSchema,
  refusal_message: z.string().trim().min(1).max(2000).meta({
    description: "What a `knowledge_only` assistant answers when its knowledge has nothing relevant.",
  }),
};
export const slaControlSchema = z.enum(["off", "degrade", "shed"]).meta({
  description:
    "`off` (default): answer as asked; the targets only judge load tests and telemetry. `degrade`: before " +
    "answering, predict when the answer would be complete and apply the fewest `degradation` steps needed for " +
    "the prediction to meet `avg_ms` (and `p95_ms` where set); refuse (429) when no step is enough. `shed`: " +
    "refuse (429, Retry-After when the prediction would fit) a question whose answer would break the SLA.",
});
export type SlaControl = z.infer<typeof slaControlSchema>;

/** One rung of the degradation ladder: a partial override of the generation settings. */
export const slaStepSchema = z
  .strictObject({
    reasoning_effort: reasoningEffortSchema.optional(),
    max_output_tokens: z.number().int().min(1).max(MAX_OUTPUT_TOKENS_LIMIT).optional(),
    model: z.string().trim().min(1).max(200).optional(),
  })
  .refine((step) => Object.keys(step).length > 0, "a step overrides at least one setting")
  .meta({
    id: "SlaStep",
    description: "Overrides applied on top of the assistant's settings and the ladder's earlier steps.",
  });
export type SlaStep = z.infer<typeof slaStepSchema>;

const slaShape = {
  avg_ms: z.number().int().min(1).max(3_600_000),
  p95_ms: z.number().int().min(1).max(3_600_000).nullable(),
  ttft_ms: z.number().int().min(1).max(3_600_000).nullable(),
  control: slaControlSchema,
  degradation: z
    .array(slaStepSchema)
    .max(8)
    .meta({
      description:
        "The degradation ladder, mildest first: under `degrade`, steps 1..k are applied together for the smallest k " +
        'that meets the SLA, e.g. [{"reasoning_effort":"medium"},{"reasoning_effort":"low"},{"max_output_tokens":512}].',
    }),
};

export const retentionDaysSchema = z
  .number()
  .int()
  .min(1)
  .max(3650)
  .nullable()
  .meta({
    description:
      "Sessions whose last activity is older than this many days are deleted, with their messages, by a daily " +
      "job; null (default) keeps them forever.",
  });

export const assistantSchema = z
  .object({
    id: z.string(),
    object: z.literal("assistant"),
    name: z.string(),
    description: z.string(),
    instructions: z.string(),
    model: z.string().meta({ description: "Model name, served by a registered backend." }),
    fallback_models: z.array(z.string()).meta({
      description:
        "Models tried in order when no backend of `model` is healthy; the response's `model` says which answered.",
    }),
    generation: z.object(generationShape),
    rag: z.object({ ...ragShape, chunking: z.object(chunkingShape) }),
    sla: z.object(slaShape).meta({
      description:
        "Targets that load tests and telemetry judge against, and how answers are kept within them.",
    }),
    tools: z.array(assistantToolSchema).meta({
      description: "Tools Hearth runs for the model in a bounded loop: HTTP operations and MCP servers.",
    }),
    tool_limits: toolLimitsSchema.meta({ description: "The bounds of the tool loop, per question." }),
    retention_days: retentionDaysSchema,
    end_user_quotas: quotasSchema.meta({
      description:
        "Limits on each end user's questions (the `user` a caller names, or a widget visitor); null fields: no limit.",
    }),
    suggested_questions: z.array(z.string()).meta({
      description: "Questions offered as one-click starters while a conversation is empty (0-5).",
    }),
    metadata: metadataSchema,
    enabled: z.boolean(),
    created_at: timestampSchema,
    updated_at: timestampSchema,
  })
  .meta({ id: "Assistant" });
export type AssistantDto = z.infer<typeof assistantSchema>;

export const suggestedQuestionsSchema = z
  .array(z.string().trim().min(1).max(200))
  .max(5)
  .meta({ description: "Replaces the starter questions: at most 5, each up to 200 characters." });

const settingsInputShape = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000),
  instructions: z.string().max(100_000),
  model: z.string().trim().min(1).max(200),
  fallback_models: z.array(z.string().trim().min(1).max(200)).max(5),
  generation: z.strictObject(generationShape).partial(),
  rag: z.strictObject({ ...ragShape, chunking: z.strictObject(chunkingShape).partial() }).partial(),
  sla: z.strictObject(slaShape).partial(),
  tools: assistantToolsInputSchema.meta({
    description:
      "Replaces the assistant's tools. A tool given without `secret_headers` keeps those stored under its name.",
  }),
  tool_limits: z.strictObject(toolLimitsShape).partial(),
  retention_days: retentionDaysSchema,
  end_user_quotas: quotasSchema.meta({ description: "Replaces the limits on each end user's questions." }),
  suggested_questions: suggestedQuestionsSchema,
  metadata: metadataSchema,
  enabled: z.boolean(),
};

export const createAssistantInputSchema = z
  .strictObject({
    id: idSlugSchema
      .refine((id) => id !== "auto", "'auto' is reserved (POST /admin/assistants/auto generates an id)")
      .meta({ description: "URL-safe id chosen by the caller; unique." }),
    ...settingsInputShape,
  })
  .partial()
  .required({ id: true })
  .meta({ id: "CreateAssistantInput" });
export type CreateAssistantInput = z.infer<typeof createAssistantInputSchema>;

export const createAssistantAutoInputSchema = z
  .strictObject(settingsInputShape)
  .partial()
  .meta({ id: "CreateAssistantAutoInput" });
export type CreateAssistantAutoInput = z.infer<typeof createAssistantAutoInputSchema>;

export const updateAssistantInputSchema = z
  .strictObject(settingsInputShape)
  .partial()
  .meta({ id: "UpdateAssistantInput", description: "Partial update: only the fields given change." });
export type UpdateAssistantInput = z.infer<typeof updateAssistantInputSchema>;

export const assistantIdParamsSchema = z.object({
  assistant_id: idSlugSchema.meta({ description: "The assistant's id." }),
});

export const listAssistantsQuerySchema = z.strictObject({
  limit: limitSchema,
  cursor: cursorSchema,
  enabled: booleanQuerySchema
    .optional()
    .meta({ description: "Only enabled (true) or disabled (false) assistants." }),
  q: z.string().trim().max(200).optional().meta({ description: "Search in id, name and description." }),
});
export type ListAssistantsQuery = z.infer<typeof listAssistantsQuerySchema>;

export const assistantListSchema = listSchema(assistantSchema).meta({ id: "AssistantList" });
export const assistantDeletedSchema = deletedSchema("assistant.deleted").meta({ id: "AssistantDeleted" });
