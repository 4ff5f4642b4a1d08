import { createBackendEndpoint, listBackendsEndpoint } from "@/server/http/endpoints/backends";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { createBackend } from "@/server/services/backends/create-backend";
import { listBackends } from "@/server/services/backends/list-backends";

export const GET = handle(listBackendsEndpoint, ({ actor }) => listBackends(actor));

export const POST = handle(createBackendEndpoint, ({ actor, body }) => createBackend(actor, body));

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);
