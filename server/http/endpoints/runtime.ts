import { assistantIdParamsSchema } from "../../schemas/assistant";
import {
  askInputSchema,
  askResponseSchema,
  createSessionInputSchema,
  endUserListSchema,
  listEndUsersQuerySchema,
  listSessionsQuerySchema,
  sessionDeletedSchema,
  sessionDetailSchema,
  sessionListSchema,
  sessionParamsSchema,
  sessionSchema,
  streamEventSchema,
} from "../../schemas/chat";
import {
  feedbackDeletedSchema,
  feedbackSchema,
  giveFeedbackInputSchema,
  messageParamsSchema,
} from "../../schemas/feedback";
import { defineEndpoint } from "../endpoint";

const tag = "Runtime";
const access = ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "INVALID_INPUT"] as const;
const body = ["UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE"] as const;
const generation = [
  "ASSISTANT_DISABLED",
  "NO_BACKEND",
  "UPSTREAM_ERROR",
  "UPSTREAM_TIMEOUT",
  "RATE_LIMITED",
] as const;

export const askEndpoint = defineEndpoint({
  method: "post",
  path: "/assistants/{assistant_id}/ask",
  summary: "Ask a question and get the whole answer",
  description:
    "Runs the knowledge check, calls the assistant's model and returns the answer with its session, citations, " +
    "RAG decision, usage and timings. Every exchange is stored; a failed generation is stored as failed. " +
    "`overrides` sets temperature, reasoning effort or max output tokens for this answer only (within the " +
    "assistant's own max_output_tokens). `replace_from` asks again from a question of the session: that question " +
    "and everything after it are replaced (regenerate an answer, or edit a question and resend); a message of " +
    "another session is NOT_FOUND, an answer's id INVALID_INPUT, a session of another `user` FORBIDDEN, and " +
    "CONFLICT while an answer from that question on is still being written.",
  tag,
  auth: "runtime",
  perQuestion: true,
  params: assistantIdParamsSchema,
  body: askInputSchema,
  response: askResponseSchema,
  errors: [...access, ...body, ...generation, "CONFLICT"],
});

export const streamEndpoint = defineEndpoint({
  method: "post",
  path: "/assistants/{assistant_id}/stream",
  summary: "Ask a question and stream the answer (Server-Sent Events)",
  description:
    "Same input as ask. Errors found before the stream starts (auth, validation, disabled assistant, " +
    "admission: 429 or 503, a knowledge search that failed) are ordinary JSON errors; a failure after it " +
    "starts ends the stream with an `error` event. Disconnecting cancels the generation upstream.",
  tag,
  auth: "runtime",
  perQuestion: true,
  params: assistantIdParamsSchema,
  body: askInputSchema,
  response: streamEventSchema,
  contentType: "text/event-stream",
  errors: [...access, ...body, "ASSISTANT_DISABLED", "CONFLICT", "NO_BACKEND", "RATE_LIMITED", "UNAVAILABLE"],
});

export const createSessionEndpoint = defineEndpoint({
  method: "post",
  path: "/assistants/{assistant_id}/sessions",
  summary: "Start a session",
  tag,
  auth: "runtime",
  params: assistantIdParamsSchema,
  body: createSessionInputSchema,
  response: sessionSchema,
  status: 201,
  errors: [...access, ...body, "ASSISTANT_DISABLED"],
});

export const listSessionsEndpoint = defineEndpoint({
  method: "get",
  path: "/assistants/{assistant_id}/sessions",
  summary: "List sessions",
  description:
    "Newest first; filter by end user with `user`, by start time with `created_after` (inclusive) and " +
    "`created_before` (exclusive), and by the ratings of their answers with `feedback`. A malformed date, or a " +
    "range that ends before it starts, is INVALID_INPUT.",
  tag,
  auth: "runtime",
  params: assistantIdParamsSchema,
  query: listSessionsQuerySchema,
  response: sessionListSchema,
  errors: [...access],
});

export const getSessionEndpoint = defineEndpoint({
  method: "get",
  path: "/assistants/{assistant_id}/sessions/{session_id}",
  summary: "Get a session with its messages",
  tag,
  auth: "runtime",
  params: sessionParamsSchema,
  response: sessionDetailSchema,
  errors: [...access],
});

export const deleteSessionEndpoint = defineEndpoint({
  method: "delete",
  path: "/assistants/{assistant_id}/sessions/{session_id}",
  summary: "Delete a session and its messages",
  tag,
  auth: "runtime",
  params: sessionParamsSchema,
  response: sessionDeletedSchema,
  errors: [...access],
});

export const listEndUsersEndpoint = defineEndpoint({
  method: "get",
  path: "/assistants/{assistant_id}/users",
  summary: "List the end users an assistant has seen",
  description: "The `user` values of requests, with first and last seen times and counts; most recent first.",
  tag,
  auth: "runtime",
  params: assistantIdParamsSchema,
  query: listEndUsersQuerySchema,
  response: endUserListSchema,
  errors: [...access],
});

const feedbackPath = "/assistants/{assistant_id}/sessions/{session_id}/messages/{message_id}/feedback";

export const giveFeedbackEndpoint = defineEndpoint({
  method: "post",
  path: feedbackPath,
  summary: "Rate an answer: thumbs up or down, with an optional comment",
  description:
    "An answer (an assistant message) holds one current rating: giving it again replaces it. Rating a question " +
    "is INVALID_INPUT; a session or message that is not the assistant's is NOT_FOUND. The rating shows in the " +
    "session's messages (`feedback`), filters the session list (`feedback=up|down|any|none`) and counts in " +
    "`GET /telemetry`.",
  tag,
  auth: "runtime",
  params: messageParamsSchema,
  body: giveFeedbackInputSchema,
  response: feedbackSchema,
  errors: [...access, ...body],
});

export const withdrawFeedbackEndpoint = defineEndpoint({
  method: "delete",
  path: feedbackPath,
  summary: "Withdraw an answer's rating",
  description: "NOT_FOUND when the answer has no rating.",
  tag,
  auth: "runtime",
  params: messageParamsSchema,
  response: feedbackDeletedSchema,
  errors: [...access],
});
