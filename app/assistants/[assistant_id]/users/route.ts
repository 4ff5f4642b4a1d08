import { listEndUsersEndpoint } from "@/server/http/endpoints/runtime";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { listEndUsers } from "@/server/services/sessions/list-end-users";

export const GET = handle(listEndUsersEndpoint, ({ actor, params, query }) =>
  listEndUsers(actor, params.assistant_id, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
