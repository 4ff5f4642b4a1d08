// Feedback on answers: a thumbs up or down with an optional comment. An answer holds one current
// rating; giving it again replaces it. Given through the REST API, the widget and the playground.
import { z } from "zod";
import { idSlugSchema, timestampSchema } from "./common";

export const FEEDBACK_COMMENT_MAX = 2000;

export const feedbackRatingSchema = z
  .enum(["up", "down"])
  .meta({ id: "FeedbackRating", description: "`up`: a good answer; `down`: a bad one." });
export type FeedbackRating = z.infer<typeof feedbackRatingSchema>;

const commentSchema = z
  .string()
  .trim()
  .max(FEEDBACK_COMMENT_MAX, `a comment is at most ${FEEDBACK_COMMENT_MAX} characters`)
  .nullable()
  .optional()
  .meta({ description: `Why, in words (at most ${FEEDBACK_COMMENT_MAX} characters); empty means none.` });

export const giveFeedbackInputSchema = z
  .strictObject({ rating: feedbackRatingSchema, comment: commentSchema })
  .meta({ id: "GiveFeedbackInput" });
export type GiveFeedbackInput = z.infer<typeof giveFeedbackInputSchema>;

export const feedbackGiverSchema = z.enum(["api_key", "master_key", "console_user", "widget_visitor"]).meta({
  description:
    "Who gave it: an API key, the master key, a console user (the playground) or a widget visitor.",
});

export const feedbackSchema = z
  .object({
    object: z.literal("feedback"),
    message_id: z.string(),
    session_id: z.string(),
    assistant_id: z.string(),
    rating: feedbackRatingSchema,
    comment: z.string().nullable(),
    given_by: z.object({
      kind: feedbackGiverSchema,
      id: z
        .string()
        .nullable()
        .meta({ description: "The API key's or console user's id; null for the master key and visitors." }),
    }),
    created_at: timestampSchema.meta({ description: "When the answer was first rated." }),
    updated_at: timestampSchema.meta({ description: "When the current rating was given." }),
  })
  .meta({ id: "Feedback", description: "The current rating of an answer." });
export type FeedbackDto = z.infer<typeof feedbackSchema>;

export const feedbackDeletedSchema = z
  .object({ message_id: z.string(), object: z.literal("feedback.deleted"), deleted: z.literal(true) })
  .meta({ id: "FeedbackDeleted" });
export type FeedbackDeleted = z.infer<typeof feedbackDeletedSchema>;

export const messageParamsSchema = z.object({
  assistant_id: idSlugSchema,
  session_id: z.string().min(1).max(64),
  message_id: z.string().min(1).max(64),
});

/** The answer a console caller rates: its assistant, session and message. */
export const answerRefSchema = z.object({
  assistantId: idSlugSchema,
  sessionId: z.string().min(1).max(64),
  messageId: z.string().min(1).max(64),
});
export type AnswerRef = z.infer<typeof answerRefSchema>;

export const sessionFeedbackFilterSchema = z.enum(["up", "down", "any", "none"]).meta({
  description:
    "Only sessions with at least one answer rated `up`, `down`, or either (`any`); `none`: sessions with no rated answer.",
});
export type SessionFeedbackFilter = z.infer<typeof sessionFeedbackFilterSchema>;

/** The widget's rating: the visitor's own answer, by the message id its stream announced. */
export const widgetFeedbackInputSchema = z.strictObject({
  message_id: z.string().min(1).max(64),
  rating: feedbackRatingSchema,
  comment: commentSchema,
});
export type WidgetFeedbackInput = z.infer<typeof widgetFeedbackInputSchema>;

export const widgetFeedbackResponseSchema = z.object({
  message_id: z.string(),
  rating: feedbackRatingSchema,
  comment: z.string().nullable(),
});
export type WidgetFeedbackResponse = z.infer<typeof widgetFeedbackResponseSchema>;
