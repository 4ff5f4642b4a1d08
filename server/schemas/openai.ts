// The OpenAI-compatible facade's request and response shapes (the subset Hearth honours). Each
// enabled assistant is a model whose id is the assistant id.
import { z } from "zod";
import { functionNameSchema } from "./common";

// Text is the only content Hearth passes on: any other part (an image, audio, a file) is refused
// by its type rather than dropped.
const contentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });
const textSchema = z
  .union([z.string(), z.array(contentPartSchema)])
  .check((ctx) => {
    if (typeof ctx.value === "string") return;
    ctx.value.forEach((part, index) => {
      if (part.type === "text" && typeof part.text === "string") return;
      ctx.issues.push({
        code: "custom",
        input: part,
        path: [index],
        message:
          part.type === "text"
            ? "a 'text' part needs its text"
            : `content parts of type '${part.type}' are not supported; only 'text'`,
      });
    });
  })
  .transform((content) =>
    typeof content === "string"
      ? content
      : content.map((part) => ({ type: "text" as const, text: part.text ?? "" })),
  );

const toolCallSchema = z.strictObject({
  id: z.string().min(1).max(256),
  type: z.literal("function"),
  function: z.strictObject({ name: z.string().min(1).max(64), arguments: z.string() }),
});

const name = z.string().min(1).max(256).optional();

// Each message is checked whole: a field Hearth would not pass on is a 400 naming it, never
// dropped. What clients echo back from earlier answers is taken: `name`, and on an assistant
// message its reasoning (kept for the model, as GPT-OSS's tool use expects) and an empty refusal.
export const openAiMessageSchema = z.discriminatedUnion("role", [
  z.strictObject({ role: z.enum(["system", "developer", "user"]), content: textSchema, name }),
  z.strictObject({
    role: z.literal("assistant"),
    content: textSchema.nullable().optional(),
    name,
    tool_calls: z.array(toolCallSchema).max(128).optional(),
    reasoning_content: z.string().nullable().optional(),
    reasoning: z.string().nullable().optional(),
    refusal: z.null().optional(),
  }),
  z.strictObject({
    role: z.literal("tool"),
    tool_call_id: z.string().min(1).max(256),
    content: textSchema,
    name,
  }),
]);
export type OpenAiMessage = z.infer<typeof openAiMessageSchema>;

const functionToolSchema = z.strictObject({
  type: z.literal("function"),
  function: z.strictObject({
    name: functionNameSchema,
    description: z.string().max(4096).optional(),
    parameters: z.record(z.string(), z.unknown()).optional().meta({ description: "A JSON Schema object." }),
    strict: z.boolean().nullable().optional(),
  }),
});

const toolChoiceSchema = z.union([
  z.enum(["none", "auto", "required"]),
  z.strictObject({ type: z.literal("function"), function: z.strictObject({ name: z.string().min(1) }) }),
]);

// Every field is one Hearth honours: the generation settings override the assistant's, and the
// tools and sampling extras go to the backend as they are. Any other field is refused (400, named)
// rather than silently ignored.
export const chatCompletionRequestSchema = z
  .strictObject({
    model: z.string().min(1).meta({ description: "An assistant id (see GET /v1/models)." }),
    messages: z.array(openAiMessageSchema).min(1),
    stream: z.boolean().nullable().optional(),
    stream_options: z.strictObject({ include_usage: z.boolean().optional() }).nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().gt(0).max(1).nullable().optional(),
    max_tokens: z.number().int().min(1).nullable().optional(),
    max_completion_tokens: z.number().int().min(1).nullable().optional(),
    reasoning_effort: z.enum(["low", "medium", "high"]).nullable().optional(),
    user: z.string().min(1).max(256).optional(),
    n: z.literal(1).nullable().optional().meta({ description: "Only one choice is supported." }),
    tools: z
      .array(functionToolSchema)
      .max(128)
      .optional()
      .meta({ description: "Functions the model may call; it answers with `tool_calls` instead of text." }),
    tool_choice: toolChoiceSchema.optional(),
    parallel_tool_calls: z.boolean().optional(),
    stop: z
      .union([z.string().min(1), z.array(z.string().min(1)).max(4)])
      .nullable()
      .optional(),
    seed: z.number().int().nullable().optional(),
    frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
    presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  })
  .meta({ id: "ChatCompletionRequest" });
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

const usageSchema = z.object({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
});

/** Hearth's additions to an OpenAI-shaped answer (a chat completion, a response). */
export const hearthExtrasSchema = z
  .object({
    session_id: z.string(),
    message_id: z.string(),
    rag: z.unknown(),
    citations: z.array(z.unknown()),
  })
  .meta({ description: "Hearth's additions: where the exchange is stored, and the knowledge decision." });

export const chatCompletionSchema = z
  .object({
    id: z.string(),
    object: z.literal("chat.completion"),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({
          role: z.literal("assistant"),
          content: z.string().nullable().meta({ description: "Null when the model only called functions." }),
          reasoning_content: z.string().optional(),
          tool_calls: z.array(toolCallSchema).optional(),
        }),
        finish_reason: z.string(),
        logprobs: z.null(),
      }),
    ),
    usage: usageSchema,
    hearth: hearthExtrasSchema,
  })
  .meta({ id: "ChatCompletion" });
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;

export const modelListSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(
      z.object({
        id: z.string(),
        object: z.literal("model"),
        created: z.number().int(),
        owned_by: z.string(),
      }),
    ),
  })
  .meta({ id: "ModelList" });
export type ModelList = z.infer<typeof modelListSchema>;

const MAX_EMBEDDING_INPUTS = 2048;
const MAX_EMBEDDING_INPUT_CHARS = 32_768;
const embeddingInput = z.string().min(1, "an input must not be empty").max(MAX_EMBEDDING_INPUT_CHARS);

export const embeddingsRequestSchema = z
  .strictObject({
    model: z.string().min(1).meta({
      description:
        "The configured embedding model's name (HEARTH_EMBEDDINGS_MODEL; `lexical-v1` for the built-in embedder).",
    }),
    input: z
      .union([embeddingInput, z.array(embeddingInput).min(1).max(MAX_EMBEDDING_INPUTS)])
      .meta({ description: "A text, or up to 2048 texts. Token arrays are not supported." }),
    encoding_format: z.enum(["float", "base64"]).optional(),
    dimensions: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: "Must be the model's own dimension, if given: vectors are not shortened." }),
    user: z.string().min(1).max(256).optional(),
    input_type: z
      .enum(["query", "document"])
      .optional()
      .meta({
        description:
          "Hearth's addition: whether the texts are questions or passages, for models that embed them differently " +
          "(the configured query and document prefixes). Default `document`.",
      }),
  })
  .meta({ id: "EmbeddingsRequest" });
export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;

export const embeddingListSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(
      z.object({
        object: z.literal("embedding"),
        index: z.number().int(),
        embedding: z.union([z.array(z.number()), z.string()]).meta({
          description: "Unit length. With `encoding_format: base64`, little-endian float32 values in base64.",
        }),
      }),
    ),
    model: z.string(),
    usage: z
      .object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() })
      .meta({ description: "Counted with the o200k tokenizer (the model's own count may differ)." }),
  })
  .meta({ id: "EmbeddingList" });
export type EmbeddingList = z.infer<typeof embeddingListSchema>;
