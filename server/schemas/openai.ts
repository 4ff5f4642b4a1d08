// The OpenAI-compatible facade's request and response shapes (the subset Hearth honours). Each
// enabled assistant is a model whose id is the assistant id.
import { z } from "zod";

const textPartSchema = z.object({ type: z.literal("text"), text: z.string() });

export const openAiMessageSchema = z.object({
  role: z.enum(["system", "developer", "user", "assistant"]),
  content: z.union([z.string(), z.array(textPartSchema)]).nullable(),
});

// Unknown fields are ignored (as OpenAI's SDKs may send more than Hearth uses), not rejected.
export const chatCompletionRequestSchema = z
  .object({
    model: z.string().min(1).meta({ description: "An assistant id (see GET /v1/models)." }),
    messages: z.array(openAiMessageSchema).min(1),
    stream: z.boolean().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().gt(0).max(1).nullable().optional(),
    max_tokens: z.number().int().min(1).nullable().optional(),
    max_completion_tokens: z.number().int().min(1).nullable().optional(),
    reasoning_effort: z.enum(["low", "medium", "high"]).nullable().optional(),
    user: z.string().min(1).max(256).optional(),
    n: z.literal(1).nullable().optional().meta({ description: "Only one choice is supported." }),
  })
  .meta({ id: "ChatCompletionRequest" });
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

const usageSchema = z.object({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
});

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
          content: z.string(),
          reasoning_content: z.string().optional(),
        }),
        finish_reason: z.string(),
        logprobs: z.null(),
      }),
    ),
    usage: usageSchema,
    hearth: z
      .object({
        session_id: z.string(),
        message_id: z.string(),
        rag: z.unknown(),
        citations: z.array(z.unknown()),
      })
      .meta({ description: "Hearth's additions: where the exchange is stored, and the knowledge decision." }),
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
