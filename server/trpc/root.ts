import { createCallerFactory, router } from "./init";
import { alertsRouter } from "./routers/alerts";
import { apiKeysRouter } from "./routers/api-keys";
import { assistantsRouter } from "./routers/assistants";
import { auditRouter } from "./routers/audit";
import { backendsRouter } from "./routers/backends";
import { sessionRouter } from "./routers/session";
import { knowledgeRouter } from "./routers/knowledge";
import { loadTestsRouter } from "./routers/loadtests";
import { observabilityRouter } from "./routers/observability";
import { sessionsRouter } from "./routers/sessions";
import { settingsRouter } from "./routers/settings";
import { systemRouter } from "./routers/system";
import { usageRouter } from "./routers/usage";
import { usersRouter } from "./routers/users";
import { widgetRouter } from "./routers/widget";

export const appRouter = router({
  session: sessionRouter,
  assistants: assistantsRouter,
  apiKeys: apiKeysRouter,
  users: usersRouter,
  backends: backendsRouter,
  sessions: sessionsRouter,
  knowledge: knowledgeRouter,
  observability: observabilityRouter,
  loadTests: loadTestsRouter,
  widget: widgetRouter,
  settings: settingsRouter,
  audit: auditRouter,
  usage: usageRouter,
  alerts: alertsRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
