// OpenAI's Responses API as Hearth serves it (POST /v1/responses, GET /v1/responses/{id}): the
// subset the OpenAI SDKs and the Agents SDK use, mapped onto Hearth's exchange. As with chat
// completions, a field or an item Hearth would not honour is a 400 that names it, never dropped.
import { z } from "zod";
import { reasoningEffortSchema } from "./assistant";
import { functionNameSchema, metadataSchema } from "./common";
import { hearthExtrasSchema } from "./openai";

/** Refuses an item whose `type` is none of the union's, by name. */
const unsupportedType =
  (what: string, supported: string) =>
  (issue: z.core.$ZodRawIssue): string | undefined => {
    if (issue.code !== "invalid_union" || issue.note !== "No matching discriminator") {
      return undefined;
    }
    const type = (issue.input as { type?: unknown } | undefined)?.type;
    return `${what} of type '${String(type)}' are not supported; only ${supported}`;
  };

// Text is the only content Hearth passes on: a part of another type (an image, a file) is refused
// by its type rather than dropped. The parts are checked after the union matched, so the 400 names
// the part instead of "Invalid input".
const TEXT_PARTS = ["input_text", "output_text"];
const contentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });
const textSchema = z
  .union([z.string(), z.array(contentPartSchema)])
  .check((ctx) => {
    if (typeof ctx.value === "string") return;
    ctx.value.forEach((part, index) => {
      if (TEXT_PARTS.includes(part.type) && typeof part.text === "string") return;
      ctx.issues.push({
        code: "custom",
        input: part,
        path: [index],
        message: TEXT_PARTS.includes(part.type)
          ? `an '${part.type}' part needs its text`
          : `content parts of type '${part.type}' are not supported; only 'input_text' and 'output_text'`,
      });
    });
  })
  .transform((content) =>
    typeof content === "string" ? content : content.map((part) => part.text).join(""),
  );

const itemStatusSchema = z.enum(["in_progress", "completed", "incomplete"]);
const callIdSchema = z.string().min(1).max(256);

// What clients echo back from earlier responses (`id`, `status`) is taken and not used.
const messageItemSchema = z.strictObject({
  type: z.literal("message").optional(),
  role: z.enum(["user", "system", "developer", "assistant"]),
  content: textSchema,
  id: z.string().optional(),
  status: itemStatusSchema.optional(),
});

const functionCallItemSchema = z.strictObject({
  type: z.literal("function_call"),
  call_id: callIdSchema,
  name: functionNameSchema,
  arguments: z.string(),
  id: z.string().optional(),
  status: itemStatusSchema.optional(),
});

const functionCallOutputItemSchema = z.strictObject({
  type: z.literal("function_call_output"),
  call_id: callIdSchema,
  output: textSchema,
  id: z.string().optional(),
  status: itemStatusSchema.optional(),
});

// Clients send the reasoning of earlier responses back with the rest of the conversation; Hearth
// takes it and leaves it out of the prompt (GPT-OSS drops earlier reasoning).
const reasoningItemSchema = z.looseObject({ type: z.literal("reasoning") });

export const responseInputItemSchema = z.discriminatedUnion(
  "type",
  [messageItemSchema, functionCallItemSchema, functionCallOutputItemSchema, reasoningItemSchema],
  {
    error: unsupportedType(
      "input items",
      "'message' (or a message without `type`), 'function_call', 'function_call_output' and 'reasoning'",
    ),
  },
);
export type ResponseInputItem = z.infer<typeof responseInputItemSchema>;

/**
 * `input` is a text or items; a union hides why its array branch failed ("Invalid input"), so its
 * error is that branch's first issue, with where it is.
 */
const inputSchema = z.union([z.string(), z.array(responseInputItemSchema).min(1)], {
  error: (issue) => {
    if (issue.code !== "invalid_union" || !Array.isArray(issue.input)) return undefined;
    const inner = issue.errors.flat().find((item) => item.path.length > 0);
    return inner && `item ${inner.path.map(String).join(".")}: ${inner.message}`;
  },
});

const functionToolSchema = z.strictObject({
  type: z.literal("function"),
  name: functionNameSchema,
  description: z.string().max(4096).nullable().optional(),
  parameters: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .meta({ description: "A JSON Schema object." }),
  strict: z.boolean().nullable().optional(),
});
export type ResponseFunctionTool = z.infer<typeof functionToolSchema>;

const toolSchema = z.discriminatedUnion("type", [functionToolSchema], {
  error: unsupportedType("tools", "'function' (Hearth runs no hosted tools)"),
});

const toolChoiceSchema = z.union([
  z.enum(["none", "auto", "required"]),
  z.strictObject({ type: z.literal("function"), name: z.string().min(1) }),
]);

export const createResponseRequestSchema = z
  .strictObject({
    model: z.string().min(1).meta({ description: "An assistant id (see GET /v1/models)." }),
    input: inputSchema.meta({
      description:
        "The question as text, or items: messages, `function_call` items and their `function_call_output` " +
        "results, and `reasoning` items echoed back (not used). It ends with a user message or with results.",
    }),
    instructions: z.string().nullable().optional().meta({
      description: "A system turn after the assistant's own instructions; not carried to a next response.",
    }),
    previous_response_id: z
      .string()
      .min(1)
      .max(128)
      .nullable()
      .optional()
      .meta({
        description:
          "Continue the conversation of this response (its Hearth session): it must be the latest response of " +
          "the same assistant's conversation.",
      }),
    tools: z
      .array(toolSchema)
      .max(128)
      .optional()
      .meta({ description: "Functions the model may call; other tool types are refused." }),
    tool_choice: toolChoiceSchema.optional(),
    parallel_tool_calls: z.boolean().nullable().optional(),
    stream: z.boolean().nullable().optional(),
    store: z.boolean().nullable().optional().meta({
      description:
        "Hearth records every exchange either way; with `false` the response cannot be fetched or continued.",
    }),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().gt(0).max(1).nullable().optional(),
    max_output_tokens: z.number().int().min(1).nullable().optional(),
    reasoning: z
      .strictObject({
        effort: reasoningEffortSchema.nullable().optional(),
        summary: z
          .enum(["auto", "concise", "detailed"])
          .nullable()
          .optional()
          .meta({ description: "Accepted; Hearth returns the model's reasoning itself, never a summary." }),
      })
      .nullable()
      .optional(),
    user: z.string().min(1).max(256).optional(),
    metadata: metadataSchema.nullable().optional().meta({
      description: "Kept on the new conversation (session); not with `previous_response_id`.",
    }),
    truncation: z.literal("disabled").nullable().optional(),
    include: z
      .array(z.string())
      .check((ctx) => {
        if (ctx.value.length === 0) return;
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          message: `'${ctx.value[0]}' is not supported: Hearth adds no extra output (no encrypted reasoning, no logprobs)`,
        });
      })
      .optional()
      .meta({ description: "Only empty: Hearth adds no extra output." }),
    text: z
      .strictObject({ format: z.strictObject({ type: z.literal("text") }).optional() })
      .nullable()
      .optional()
      .meta({ description: "Only plain text output." }),
  })
  .meta({ id: "CreateResponseRequest" });
export type CreateResponseRequest = z.infer<typeof createResponseRequestSchema>;

export const responseParamsSchema = z.object({ response_id: z.string().min(1).max(128) });

const outputTextSchema = z.object({
  type: z.literal("output_text"),
  text: z.string(),
  annotations: z.array(z.unknown()),
});

const reasoningOutputSchema = z.object({
  type: z.literal("reasoning"),
  id: z.string(),
  summary: z.array(z.object({ type: z.literal("summary_text"), text: z.string() })),
  content: z
    .array(z.object({ type: z.literal("reasoning_text"), text: z.string() }))
    .meta({ description: "The model's own reasoning (GPT-OSS), as OpenAI returns it for open models." }),
  status: itemStatusSchema,
});

const messageOutputSchema = z.object({
  type: z.literal("message"),
  id: z.string(),
  status: itemStatusSchema,
  role: z.literal("assistant"),
  content: z.array(outputTextSchema),
});

const functionCallOutputSchema = z.object({
  type: z.literal("function_call"),
  id: z.string(),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string().meta({ description: "The arguments as the model wrote them: JSON text." }),
  status: itemStatusSchema,
});

export const responseOutputItemSchema = z.discriminatedUnion("type", [
  reasoningOutputSchema,
  messageOutputSchema,
  functionCallOutputSchema,
]);
export type ResponseOutputItem = z.infer<typeof responseOutputItemSchema>;

export const responseUsageSchema = z.object({
  input_tokens: z.number().int(),
  input_tokens_details: z.object({ cached_tokens: z.number().int() }),
  output_tokens: z.number().int(),
  output_tokens_details: z.object({ reasoning_tokens: z.number().int() }),
  total_tokens: z.number().int(),
});
export type ResponseUsage = z.infer<typeof responseUsageSchema>;

export const responseObjectSchema = z
  .object({
    id: z.string().meta({ description: "`resp_` and the answer message's id without its `msg_`." }),
    object: z.literal("response"),
    created_at: z.number().int(),
    status: z.enum(["completed", "incomplete", "failed", "in_progress", "cancelled"]),
    model: z.string(),
    output: z.array(responseOutputItemSchema),
    output_text: z.string().meta({ description: "The text of the message items, joined." }),
    usage: responseUsageSchema.nullable(),
    previous_response_id: z.string().nullable(),
    instructions: z.string().nullable(),
    tools: z.array(
      z.object({
        type: z.literal("function"),
        name: z.string(),
        description: z.string().nullable(),
        parameters: z.record(z.string(), z.unknown()).nullable(),
        strict: z.boolean().nullable(),
      }),
    ),
    tool_choice: z.union([
      z.enum(["none", "auto", "required"]),
      z.object({ type: z.literal("function"), name: z.string() }),
    ]),
    parallel_tool_calls: z.boolean(),
    temperature: z.number().nullable(),
    top_p: z.number().nullable(),
    max_output_tokens: z.number().int().nullable(),
    store: z.boolean(),
    metadata: z.record(z.string(), z.string()),
    incomplete_details: z.object({ reason: z.literal("max_output_tokens") }).nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    reasoning: z.object({ effort: reasoningEffortSchema.nullable(), summary: z.null() }),
    text: z.object({ format: z.object({ type: z.literal("text") }) }),
    truncation: z.literal("disabled"),
    hearth: hearthExtrasSchema,
  })
  .meta({ id: "Response" });
export type ResponseObject = z.infer<typeof responseObjectSchema>;
