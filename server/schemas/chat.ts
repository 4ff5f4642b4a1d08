// Runtime (chat) schemas: ask, stream, sessions, end users.
import { z } from "zod";
import {
  cursorSchema,
  dateBoundSchema,
  idSlugSchema,
  limitSchema,
  listSchema,
  metadataSchema,
  timestampSchema,
} from "./common";
import { MAX_OUTPUT_TOKENS_LIMIT, reasoningEffortSchema, slaStepSchema } from "./assistant";
import { feedbackSchema, sessionFeedbackFilterSchema } from "./feedback";

export const externalUserSchema = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .meta({ description: "Your id for the end user (an external id); Hearth tracks users per assistant." });

export const runOverridesSchema = z
  .strictObject({
    temperature: z.number().min(0).max(2).optional(),
    reasoning_effort: reasoningEffortSchema.optional(),
    max_output_tokens: z
      .number()
      .int()
      .min(1)
      .max(MAX_OUTPUT_TOKENS_LIMIT)
      .optional()
      .meta({
        description:
          "At most the assistant's own `generation.max_output_tokens` when it sets one (a larger value is " +
          "INVALID_INPUT): a run may shorten answers, never lengthen them past what the operator allows.",
      }),
  })
  .meta({
    id: "RunOverrides",
    description:
      "Generation settings for this answer only, over the assistant's own (`generation`); nothing is saved. " +
      "SLA control (`sla.control: degrade`) may still lower them.",
  });
export type RunOverrides = z.infer<typeof runOverridesSchema>;

export const askInputSchema = z
  .strictObject({
    message: z
      .string()
      .meta({ description: "The question. Not empty; at most HEARTH_MAX_MESSAGE_CHARS characters." }),
    session_id: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: "Continue this session; omit to start one." }),
    user: externalUserSchema.optional(),
    metadata: metadataSchema.optional(),
    reasoning: z.boolean().default(false).meta({
      description: "Return the model's reasoning text (GPT-OSS) with the answer. It is always stored.",
    }),
    overrides: runOverridesSchema.optional(),
    replace_from: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({
        description:
          "Ask again from a question of the session (`session_id`, required with it): that question (a `user` " +
          "message's id, e.g. an answer's `question_id`) and every message after it are removed and this " +
          "`message` is asked in its place, with the history before it. To regenerate the last answer, send the " +
          "same question with its id; to edit a question, send the new text. A request refused before the question " +
          "is taken (invalid, unauthorised, an unknown message or an answer's id, quotas; CONFLICT while an " +
          "answer from that question on is still being written) removes nothing; once " +
          "taken, the removal and the new question are written in one statement, and the new answer is recorded " +
          "like any other, failed included.",
      }),
  })
  .refine((input) => input.replace_from === undefined || input.session_id !== undefined, {
    path: ["replace_from"],
    message: "needs session_id: the session the question belongs to",
  })
  .meta({ id: "AskInput" });
export type AskInput = z.infer<typeof askInputSchema>;

export const usageSchema = z
  .object({
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int(),
    total_tokens: z.number().int(),
  })
  .meta({ id: "Usage" });

export const timingsSchema = z
  .object({
    queue_ms: z.number().int().meta({
      description: "Time waiting in the gateway's queue for a free backend slot (0 when one was free).",
    }),
    ttft_ms: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Time to the first token (reasoning or answer)." }),
    total_ms: z.number().int(),
  })
  .meta({ id: "Timings" });

export const citationSchema = z
  .object({
    file_id: z.string(),
    filename: z.string(),
    chunk_index: z.number().int(),
    score: z.number().meta({ description: "Relevance 0-1 (see the vector store search's `score`)." }),
    heading: z.string().nullable().optional().meta({ description: "Section of the document, when known." }),
    page: z.number().int().nullable().optional().meta({ description: "Page (PDF), when known." }),
    quote: z.string().meta({ description: "The passage's text." }),
  })
  .meta({ id: "Citation" });
export type Citation = z.infer<typeof citationSchema>;

export const ragDecisionSchema = z
  .object({
    decision: z.enum(["injected", "forwarded", "refused", "tool"]).meta({
      description:
        "`injected`: relevant passages went into the prompt. `forwarded`: none relevant (or no knowledge): the question went to the model directly. `refused`: none relevant and the assistant answers only from its knowledge. `tool` (`rag.mode: tool`): the model searched the knowledge as a tool; `passages` counts what its searches found (0 when it did not search).",
    }),
    top_score: z.number().nullable(),
    threshold: z.number(),
    passages: z.number().int(),
  })
  .meta({ id: "RagDecision" });
export type RagDecision = z.infer<typeof ragDecisionSchema>;

export const slaOutcomeSchema = z
  .object({
    target_ms: z.number().int().meta({ description: "The assistant's `sla.avg_ms`." }),
    predicted_ms: z.number().int().meta({
      description: "When the answer was predicted to be complete (from the question's arrival), as admitted.",
    }),
    degraded: z.array(slaStepSchema).meta({
      description: "The ladder steps applied to this answer (empty: answered as configured).",
    }),
    met: z.boolean().nullable().meta({
      description: "Whether the answer was complete within `target_ms`; null until it is complete.",
    }),
  })
  .meta({
    id: "SlaOutcome",
    description:
      "Present when the assistant's `sla.control` is `degrade` or `shed` (absent with `off`): what SLA control decided.",
  });
export type SlaOutcome = z.infer<typeof slaOutcomeSchema>;

export const toolRunSchema = z
  .object({
    id: z.string().meta({ description: "The model's id for the call." }),
    name: z.string().meta({
      description: "The function called: `search_knowledge`, an HTTP tool's name, `<server>__<tool>`.",
    }),
    kind: z.enum(["knowledge", "http", "mcp"]),
    arguments: z.string().meta({ description: "The arguments as the model wrote them: JSON text." }),
    ok: z
      .boolean()
      .meta({ description: "false: the tool failed, refused or timed out (the model was told why)." }),
    summary: z.string().meta({ description: "One line on what happened, for people." }),
    result: z.string().meta({ description: "What the model read back (the first 4,000 characters)." }),
    duration_ms: z.number().int(),
    step: z.number().int().meta({ description: "The model step that called it: 1, 2..." }),
  })
  .meta({ id: "ToolRun", description: "A call of one of the assistant's own tools, run by Hearth." });
export type ToolRun = z.infer<typeof toolRunSchema>;

export const askResponseSchema = z
  .object({
    answer: z.string(),
    session_id: z.string(),
    message_id: z.string(),
    question_id: z.string().meta({
      description: "The question's message id: what `replace_from` takes to ask it again or edit it.",
    }),
    citations: z.array(citationSchema),
    rag: ragDecisionSchema,
    usage: usageSchema,
    timings: timingsSchema,
    model: z.string(),
    backend: z
      .string()
      .nullable()
      .meta({ description: "The backend that answered; null when no model is connected." }),
    finish_reason: z.string().meta({
      description:
        "Why the model stopped: `stop` (a complete answer), `length` (max_output_tokens reached)...",
    }),
    reasoning: z
      .string()
      .optional()
      .meta({ description: "Present when `reasoning: true` was asked and the model reasoned." }),
    sla: slaOutcomeSchema.optional(),
    tool_runs: z.array(toolRunSchema).optional().meta({
      description: "Present when Hearth ran the assistant's tools for this answer, in the order called.",
    }),
  })
  .meta({ id: "AskResponse" });
export type AskResponse = z.infer<typeof askResponseSchema>;

export const toolCallSchema = z
  .object({
    id: z.string(),
    type: z.literal("function"),
    function: z.object({
      name: z.string(),
      arguments: z.string().meta({ description: "The arguments as the model wrote them: JSON text." }),
    }),
  })
  .meta({ id: "ToolCall", description: "A function the model called, as OpenAI's chat API carries it." });

export const messageSchema = z
  .object({
    id: z.string(),
    object: z.literal("message"),
    role: z.enum(["user", "assistant"]),
    content: z.string(),
    reasoning: z.string().nullable(),
    status: z.enum(["in_progress", "completed", "failed", "cancelled"]),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        detail: z
          .string()
          .optional()
          .meta({
            description:
              "What went wrong upstream (the model server's status and answer, the backend): shown only to " +
              "console users, admin API keys and the master key, never to runtime keys or the widget.",
          }),
      })
      .nullable(),
    citations: z.array(citationSchema),
    rag: ragDecisionSchema
      .nullable()
      .meta({ description: "The RAG decision of an answer; null for questions." }),
    model: z.string().nullable(),
    backend_id: z.string().nullable(),
    usage: usageSchema.nullable(),
    timings: timingsSchema.nullable(),
    sla: slaOutcomeSchema.optional(),
    tool_calls: z.array(toolCallSchema).optional().meta({
      description:
        "Present on an answer in which the model called functions (an OpenAI-compatible request with `tools`).",
    }),
    tool_runs: z.array(toolRunSchema).optional().meta({
      description: "Present on an answer for which Hearth ran the assistant's own tools.",
    }),
    feedback: feedbackSchema.nullable().meta({
      description: "The answer's current rating (thumbs up or down); null when unrated and on questions.",
    }),
    created_at: timestampSchema,
  })
  .meta({ id: "Message" });
export type MessageDto = z.infer<typeof messageSchema>;

export const channelSchema = z.enum(["api", "openai", "widget", "playground", "loadtest"]).meta({
  id: "Channel",
  description:
    "Where a conversation came from: `api` (the REST runtime API), `openai` (the OpenAI-compatible API), " +
    "`widget`, `playground` (a console user) or `loadtest`.",
});
export type Channel = z.infer<typeof channelSchema>;

export const sessionSchema = z
  .object({
    id: z.string(),
    object: z.literal("session"),
    assistant_id: z.string(),
    user: z.string().nullable(),
    metadata: metadataSchema,
    channel: channelSchema,
    first_question: z
      .string()
      .nullable()
      .meta({ description: "The first question asked (its first 200 characters); null before any." }),
    last_status: z
      .enum(["in_progress", "completed", "failed", "cancelled"])
      .nullable()
      .meta({ description: "How the latest answer ended (or that it is being written); null before any." }),
    tokens: z
      .object({ prompt: z.number().int(), completion: z.number().int() })
      .meta({ description: "Tokens over every answer of the session." }),
    message_count: z.number().int(),
    created_at: timestampSchema,
    last_message_at: timestampSchema.nullable(),
  })
  .meta({ id: "Session" });
export type SessionDto = z.infer<typeof sessionSchema>;

export const sessionDetailSchema = sessionSchema
  .extend({ messages: z.array(messageSchema) })
  .meta({ id: "SessionDetail" });
export type SessionDetailDto = z.infer<typeof sessionDetailSchema>;

export const createSessionInputSchema = z
  .strictObject({ user: externalUserSchema.optional(), metadata: metadataSchema.optional() })
  .meta({ id: "CreateSessionInput" });
export type CreateSessionInput = z.infer<typeof createSessionInputSchema>;

export const listSessionsQuerySchema = z
  .strictObject({
    limit: limitSchema,
    cursor: cursorSchema,
    user: externalUserSchema.optional().meta({ description: "Only this end user's sessions." }),
    channel: channelSchema.optional().meta({
      description:
        "Only sessions of this channel. Without it, load-test sessions are left out (ask for `loadtest`).",
    }),
    feedback: sessionFeedbackFilterSchema.optional(),
    created_after: dateBoundSchema.optional().meta({
      description:
        "Only sessions started at or after this time: an ISO 8601 date-time (`2026-05-01T08:00:00Z`, " +
        "`2026-05-01T10:00:00+02:00`) or a date (`2026-05-01`, midnight UTC).",
    }),
    created_before: dateBoundSchema.optional().meta({
      description:
        "Only sessions started before this time (exclusive), in the same forms as `created_after`, which " +
        "it must follow.",
    }),
  })
  .refine(
    (query) => !query.created_after || !query.created_before || query.created_after < query.created_before,
    { path: ["created_before"], message: "must be later than created_after" },
  );
export type ListSessionsQuery = z.infer<typeof listSessionsQuerySchema>;
export type ListSessionsQueryInput = z.input<typeof listSessionsQuerySchema>;

export const sessionParamsSchema = z.object({
  assistant_id: idSlugSchema,
  session_id: z.string().min(1).max(64),
});

export const endUserSchema = z
  .object({
    id: z.string().meta({ description: "The external id given as `user`." }),
    object: z.literal("end_user"),
    first_seen_at: timestampSchema,
    last_seen_at: timestampSchema,
    session_count: z.number().int(),
    message_count: z.number().int(),
  })
  .meta({ id: "EndUser" });
export type EndUserDto = z.infer<typeof endUserSchema>;

export const listEndUsersQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema });
export type ListEndUsersQuery = z.infer<typeof listEndUsersQuerySchema>;

export const sessionListSchema = listSchema(sessionSchema).meta({ id: "SessionList" });
export const endUserListSchema = listSchema(endUserSchema).meta({ id: "EndUserList" });
export const sessionDeletedSchema = z
  .object({ id: z.string(), object: z.literal("session.deleted"), deleted: z.literal(true) })
  .meta({ id: "SessionDeleted" });

export const streamEventSchema = z
  .object({
    type: z.enum([
      "response.created",
      "rag.completed",
      "reasoning.delta",
      "output_text.delta",
      "tool_call.started",
      "tool_call.completed",
      "response.completed",
      "error",
    ]),
    sequence_number: z
      .number()
      .int()
      .meta({ description: "1, 2, 3... in the order sent; also the SSE `id`." }),
  })
  .catchall(z.unknown())
  .meta({
    id: "StreamEvent",
    description:
      "One Server-Sent Event (`event:` is the type). `response.created` {session_id, message_id, question_id, " +
      "model}; " +
      "`rag.completed` {rag, citations}; `reasoning.delta` {delta} (only with `reasoning: true`); " +
      "`output_text.delta` {delta}; with the assistant's own tools, `tool_call.started` {id, name, kind, " +
      "arguments, step} and `tool_call.completed` {id, name, kind, ok, summary, duration_ms, step} around " +
      "each call Hearth runs; then exactly one of `response.completed` {response: AskResponse} or " +
      "`error` {error: {code, message, retry_after_seconds?}, message_id, session_id}. A comment line " +
      "(`: heartbeat`) is sent every 15 s.",
  });
