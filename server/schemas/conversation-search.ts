// Full-text search over the stored conversations of every assistant the caller may read: one hit
// per matching message, newest first, with a snippet whose matched words are marked by offsets
// (never by markup, so no client has to trust HTML from the server).
import { z } from "zod";
import { channelSchema, externalUserSchema } from "./chat";
import {
  cursorSchema,
  dateBoundSchema,
  idSlugSchema,
  limitSchema,
  listSchema,
  timestampSchema,
} from "./common";
import { feedbackRatingSchema } from "./feedback";

export const SEARCH_QUERY_MAX = 200;

export const searchConversationsQuerySchema = z
  .strictObject({
    q: z
      .string()
      .trim()
      .min(1, "is required: the words to look for")
      .max(SEARCH_QUERY_MAX)
      .meta({
        description:
          'The words to look for, in web-search syntax: words are all required, `"a phrase"` matches a phrase, ' +
          "`or` offers alternatives and `-word` excludes a word. English stemming applies (`refunds` finds `refund`).",
      }),
    assistant_id: idSlugSchema.optional().meta({ description: "Only this assistant's conversations." }),
    user: externalUserSchema.optional().meta({ description: "Only this end user's conversations." }),
    channel: channelSchema.optional().meta({
      description: "Only conversations of this channel. Without it, load-test conversations are left out.",
    }),
    role: z.enum(["user", "assistant"]).optional().meta({ description: "Only questions, or only answers." }),
    status: z.enum(["completed", "failed", "cancelled", "in_progress"]).optional().meta({
      description: "Only messages with this status (an answer's outcome; a stored question is `completed`).",
    }),
    feedback: feedbackRatingSchema.optional().meta({ description: "Only answers rated so." }),
    created_after: dateBoundSchema.optional().meta({
      description:
        "Only messages written at or after this time (ISO 8601 date-time, or a date: midnight UTC).",
    }),
    created_before: dateBoundSchema
      .optional()
      .meta({ description: "Only messages written before this time (exclusive), after `created_after`." }),
    limit: limitSchema,
    cursor: cursorSchema,
  })
  .refine(
    (query) => !query.created_after || !query.created_before || query.created_after < query.created_before,
    { path: ["created_before"], message: "must be later than created_after" },
  );
export type SearchConversationsQuery = z.infer<typeof searchConversationsQuerySchema>;
export type SearchConversationsQueryInput = z.input<typeof searchConversationsQuerySchema>;

export const conversationHitSchema = z
  .object({
    object: z.literal("conversation.hit"),
    message_id: z.string(),
    session_id: z.string(),
    assistant_id: z.string(),
    role: z.enum(["user", "assistant"]),
    status: z.enum(["in_progress", "completed", "failed", "cancelled"]),
    channel: channelSchema,
    user: z.string().nullable().meta({ description: "The session's end user, if it named one." }),
    feedback: feedbackRatingSchema.nullable().meta({ description: "The answer's current rating, if any." }),
    snippet: z.string().meta({ description: "The passage of the message around the matched words." }),
    highlights: z
      .array(z.object({ start: z.number().int(), end: z.number().int() }))
      .meta({ description: "Where the matched words are in `snippet`: character offsets, end exclusive." }),
    created_at: timestampSchema,
  })
  .meta({ id: "ConversationHit" });
export type ConversationHit = z.infer<typeof conversationHitSchema>;

export const conversationHitListSchema = listSchema(conversationHitSchema).meta({
  id: "ConversationHitList",
});
