import { createSessionEndpoint, listSessionsEndpoint } from "@/server/http/endpoints/runtime";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { createSession } from "@/server/services/sessions/create-session";
import { listSessions } from "@/server/services/sessions/list-sessions";

export const GET = handle(listSessionsEndpoint, ({ actor, params, query }) =>
  listSessions(actor, params.assistant_id, query),
);

export const POST = handle(createSessionEndpoint, ({ actor, params, body }) =>
  createSession(actor, params.assistant_id, body),
);

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);
