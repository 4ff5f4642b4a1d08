import { deleteSessionEndpoint, getSessionEndpoint } from "@/server/http/endpoints/runtime";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { deleteSession } from "@/server/services/sessions/delete-session";
import { getSession } from "@/server/services/sessions/get-session";

export const GET = handle(getSessionEndpoint, ({ actor, params }) =>
  getSession(actor, params.assistant_id, params.session_id),
);

export const DELETE = handle(deleteSessionEndpoint, ({ actor, params }) =>
  deleteSession(actor, params.assistant_id, params.session_id),
);

export const { POST, PUT, PATCH, OPTIONS } = allowOnly(GET, DELETE);
