import { checkBackendEndpoint } from "@/server/http/endpoints/backends";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { checkBackend } from "@/server/services/backends/check-backend";

export const POST = handle(checkBackendEndpoint, ({ actor, body }) => checkBackend(actor, body));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
