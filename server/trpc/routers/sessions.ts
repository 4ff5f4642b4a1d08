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
import { deleteSession } from "../../services/sessions/delete-session";
import { getSession } from "../../services/sessions/get-session";
import { listEndUsers } from "../../services/sessions/list-end-users";
import { listSessions } from "../../services/sessions/list-sessions";
import { protectedProcedure, router } from "../init";

const assistant = z.object({ assistantId: idSlugSchema });
const session = assistant.extend({ sessionId: z.string().min(1) });

export const sessionsRouter = router({
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
  endUsers: protectedProcedure
    .input(assistant.extend({ query: listEndUsersQuerySchema }))
    .output(endUserListSchema)
    .query(({ ctx, input }) => listEndUsers(ctx.actor, input.assistantId, input.query)),
});
