import { eraseEndUserEndpoint } from "@/server/http/endpoints/session-data";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { eraseEndUser } from "@/server/services/sessions/erase-end-user";

export const DELETE = handle(eraseEndUserEndpoint, ({ actor, params }) =>
  eraseEndUser(actor, params.assistant_id, params.user),
);

export const { GET, POST, PUT, PATCH, OPTIONS } = allowOnly(DELETE);
