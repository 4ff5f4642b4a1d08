import { createCallerFactory, router } from "./init";
import { apiKeysRouter } from "./routers/api-keys";
import { assistantsRouter } from "./routers/assistants";
import { sessionRouter } from "./routers/session";
import { usersRouter } from "./routers/users";

export const appRouter = router({
  session: sessionRouter,
  assistants: assistantsRouter,
  apiKeys: apiKeysRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
