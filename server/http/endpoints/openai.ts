import {
  chatCompletionRequestSchema,
  chatCompletionSchema,
  embeddingListSchema,
  embeddingsRequestSchema,
  modelListSchema,
} from "../../schemas/openai";
import {
  createResponseRequestSchema,
  responseObjectSchema,
  responseParamsSchema,
} from "../../schemas/openai-responses";
import { defineEndpoint } from "../endpoint";
import type { ErrorCode } from "../../errors";

const tag = "OpenAI-compatible";

/** What asking an assistant a question through the OpenAI-compatible API may answer. */
const QUESTION_ERRORS: ErrorCode[] = [
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "UNSUPPORTED_MEDIA_TYPE",
  "PAYLOAD_TOO_LARGE",
  "ASSISTANT_DISABLED",
  "NO_BACKEND",
  "UPSTREAM_ERROR",
  "UPSTREAM_TIMEOUT",
  "RATE_LIMITED",
];

export const listModelsEndpoint = defineEndpoint({
  method: "get",
  path: "/v1/models",
  summary: "List the assistants this key may use, as models",
  tag,
  auth: "runtime",
  response: modelListSchema,
  errors: ["UNAUTHORIZED", "FORBIDDEN"],
});

export const chatCompletionsEndpoint = defineEndpoint({
  method: "post",
  path: "/v1/chat/completions",
  summary: "Chat completion with an assistant (OpenAI-compatible; `stream: true` for SSE chunks)",
  description:
    "`model` is an assistant id. The assistant's instructions, knowledge and model apply; the request's messages " +
    "are the conversation. Works with the official OpenAI SDKs (base URL `<hearth>/v1`, API key = a Hearth key).",
  tag,
  auth: "runtime",
  perQuestion: true,
  body: chatCompletionRequestSchema,
  response: chatCompletionSchema,
  errors: QUESTION_ERRORS,
});

export const embeddingsEndpoint = defineEndpoint({
  method: "post",
  path: "/v1/embeddings",
  summary: "Embed texts with Hearth's embedding model (OpenAI-compatible)",
  description:
    "The embedder Hearth's knowledge uses (HEARTH_EMBEDDINGS_*), so a RAG client needs one base URL and one key. " +
    "`model` is its name; vectors have unit length. Any key that may use an assistant may embed.",
  tag,
  auth: "runtime",
  body: embeddingsRequestSchema,
  response: embeddingListSchema,
  errors: [
    "UNAUTHORIZED",
    "FORBIDDEN",
    "NOT_FOUND",
    "INVALID_INPUT",
    "UNSUPPORTED_MEDIA_TYPE",
    "PAYLOAD_TOO_LARGE",
    "UNAVAILABLE",
    "UPSTREAM_ERROR",
    "UPSTREAM_TIMEOUT",
  ],
});

export const createResponseEndpoint = defineEndpoint({
  method: "post",
  path: "/v1/responses",
  summary: "A response from an assistant (OpenAI's Responses API; `stream: true` for its SSE events)",
  description:
    "`model` is an assistant id; `input` a question or items (messages, function calls and their outputs). " +
    "`previous_response_id` continues that response's conversation (Hearth session). Works with the OpenAI SDKs' " +
    "`responses.create` and the OpenAI Agents SDK (base URL `<hearth>/v1`, API key = a Hearth key).",
  tag,
  auth: "runtime",
  perQuestion: true,
  body: createResponseRequestSchema,
  response: responseObjectSchema,
  // CONFLICT: previous_response_id is not its conversation's latest answer.
  errors: [...QUESTION_ERRORS, "CONFLICT"],
});

export const getResponseEndpoint = defineEndpoint({
  method: "get",
  path: "/v1/responses/{response_id}",
  summary: "A stored response (OpenAI's Responses API)",
  description:
    "The response as its answer is stored. Settings Hearth does not keep (instructions, tools, sampling) come " +
    "back as their defaults. Not found for a response of an assistant the key may not use, or made with `store: false`.",
  tag,
  auth: "runtime",
  params: responseParamsSchema,
  response: responseObjectSchema,
  errors: ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "INVALID_INPUT"],
});
