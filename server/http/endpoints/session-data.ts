import { z } from "zod";
import { assistantIdParamsSchema } from "../../schemas/assistant";
import {
  endUserErasedSchema,
  endUserParamsSchema,
  exportSessionsQuerySchema,
} from "../../schemas/session-data";
import { defineEndpoint } from "../endpoint";

const tag = "Runtime";
const access = ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "INVALID_INPUT"] as const;

export const exportSessionsEndpoint = defineEndpoint({
  method: "get",
  path: "/assistants/{assistant_id}/sessions/export",
  summary: "Export sessions (JSON Lines or CSV)",
  description:
    "The sessions matching the same filters as `GET /assistants/{assistant_id}/sessions`, newest first, all " +
    "of them, as a download. `format=jsonl` (default): `application/x-ndjson`, one session a line with its " +
    "`messages`, as `GET /assistants/{assistant_id}/sessions/{session_id}` returns it. `format=csv`: " +
    "`text/csv`, one row a message (session_id, assistant_id, user, channel, session_created_at, message_id, " +
    "created_at, role, content, status, model, prompt_tokens, completion_tokens, rag_decision, " +
    "feedback_rating, feedback_comment); sessions without messages have no row, and cells a spreadsheet " +
    "would read as a formula are prefixed with `'`.",
  tag,
  auth: "runtime",
  params: assistantIdParamsSchema,
  query: exportSessionsQuerySchema,
  response: z.string().meta({ description: "The export file (see the description for each format)." }),
  contentType: "application/x-ndjson",
  errors: [...access],
});

export const eraseEndUserEndpoint = defineEndpoint({
  method: "delete",
  path: "/assistants/{assistant_id}/users/{user}",
  summary: "Erase an end user and their conversations",
  description:
    "For privacy requests: deletes every session of this end user with the assistant, their messages and " +
    "ratings, and the end user; answers how many sessions and messages went. An end user the assistant " +
    "does not know (or one already erased) is NOT_FOUND. Recorded in the audit log.",
  tag,
  auth: "runtime",
  params: endUserParamsSchema,
  response: endUserErasedSchema,
  errors: [...access],
});
