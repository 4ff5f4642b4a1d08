import { conversationHitListSchema, searchConversationsQuerySchema } from "../../schemas/conversation-search";
import { defineEndpoint } from "../endpoint";

export const searchConversationsEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/conversations/search",
  summary: "Search conversations (full text)",
  description:
    "Finds messages, questions and answers, across the stored conversations of every assistant (or of " +
    "`assistant_id`'s) with PostgreSQL's full-text search in English: one hit per message, newest first, with " +
    "a snippet and where the matched words are in it; filter by end user, channel, role, status, the answer's " +
    "rating and time. Load-test conversations are left out unless `channel=loadtest`. Admin keys and the " +
    "master key may search; runtime keys may not (use the sessions of their assistants).",
  tag: "Conversations",
  auth: "admin",
  query: searchConversationsQuerySchema,
  response: conversationHitListSchema,
  errors: ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "INVALID_INPUT"],
});
