import { createCallerFactory, router } from "./init";
import { apiKeysRouter } from "./routers/api-keys";
import { assistantsRouter } from "./routers/assistants";
import { backendsRouter } from "./routers/backends";
import { sessionRouter } from "./routers/session";
import { knowledgeRouter } from "./routers/knowledge";
import { sessionsRouter } from "./routers/sessions";
import { usersRouter } from "./routers/users";

export const appRouter = router({
  session: sessionRouter,
  assistants: assistantsRouter,
  apiKeys: apiKeysRouter,
  users: usersRouter,
  backends: backendsRouter,
  sessions: sessionsRouter,
  knowledge: knowledgeRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
