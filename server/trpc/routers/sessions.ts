import { z } from "zod";
import {
  endUserListSchema,
  listEndUsersQuerySchema,
  listSessionsQuerySchema,
  sessionDeletedSchema,
  sessionDetailSchema,
  sessionListSchema,
} from "../../schemas/chat";
import { idSlugSchema } from "../../schemas/common";
import { endUserErasedSchema, endUserParamsSchema } from "../../schemas/session-data";
import { conversationHitListSchema, searchConversationsQuerySchema } from "../../schemas/conversation-search";
import {
  answerRefSchema,
  feedbackDeletedSchema,
  feedbackSchema,
  giveFeedbackInputSchema,
} from "../../schemas/feedback";
import { giveFeedback } from "../../services/sessions/give-feedback";
import { withdrawFeedback } from "../../services/sessions/withdraw-feedback";
import { deleteSession } from "../../services/sessions/delete-session";
import { getSession } from "../../services/sessions/get-session";
import { listEndUsers } from "../../services/sessions/list-end-users";
import { listSessions } from "../../services/sessions/list-sessions";
import { searchConversations } from "../../services/sessions/search-conversations";
import { eraseEndUser } from "../../services/sessions/erase-end-user";
import { protectedProcedure, router } from "../init";

const assistant = z.object({ assistantId: idSlugSchema });
const session = assistant.extend({ sessionId: z.string().min(1) });

export const sessionsRouter = router({
  search: protectedProcedure
    .input(searchConversationsQuerySchema)
    .output(conversationHitListSchema)
    .query(({ ctx, input }) => searchConversations(ctx.actor, input)),
  list: protectedProcedure
    .input(assistant.extend({ query: listSessionsQuerySchema }))
    .output(sessionListSchema)
    .query(({ ctx, input }) => listSessions(ctx.actor, input.assistantId, input.query)),
  get: protectedProcedure
    .input(session)
    .output(sessionDetailSchema)
    .query(({ ctx, input }) => getSession(ctx.actor, input.assistantId, input.sessionId)),
  delete: protectedProcedure
    .input(session)
    .output(sessionDeletedSchema)
    .mutation(({ ctx, input }) => deleteSession(ctx.actor, input.assistantId, input.sessionId)),
  /** The playground's thumbs: rates an answer, replacing its earlier rating. */
  giveFeedback: protectedProcedure
    .input(answerRefSchema.extend({ feedback: giveFeedbackInputSchema }))
    .output(feedbackSchema)
    .mutation(({ ctx, input }) => giveFeedback(ctx.actor, input, input.feedback)),
  withdrawFeedback: protectedProcedure
    .input(answerRefSchema)
    .output(feedbackDeletedSchema)
    .mutation(({ ctx, input }) => withdrawFeedback(ctx.actor, input)),
  endUsers: protectedProcedure
    .input(assistant.extend({ query: listEndUsersQuerySchema }))
    .output(endUserListSchema)
    .query(({ ctx, input }) => listEndUsers(ctx.actor, input.assistantId, input.query)),
  /** A privacy request: the end user's sessions and messages, and the end user, deleted. */
  eraseEndUser: protectedProcedure
    .input(assistant.extend({ user: endUserParamsSchema.shape.user }))
    .output(endUserErasedSchema)
    .mutation(({ ctx, input }) => eraseEndUser(ctx.actor, input.assistantId, input.user)),
});
