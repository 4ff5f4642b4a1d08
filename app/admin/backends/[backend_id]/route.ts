import {
  deleteBackendEndpoint,
  getBackendEndpoint,
  updateBackendEndpoint,
} from "@/server/http/endpoints/backends";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { deleteBackend } from "@/server/services/backends/delete-backend";
import { getBackend } from "@/server/services/backends/list-backends";
import { updateBackend } from "@/server/services/backends/update-backend";

export const GET = handle(getBackendEndpoint, ({ actor, params }) => getBackend(actor, params.backend_id));

export const POST = handle(updateBackendEndpoint, ({ actor, params, body }) =>
  updateBackend(actor, params.backend_id, body),
);

export const DELETE = handle(deleteBackendEndpoint, ({ actor, params }) =>
  deleteBackend(actor, params.backend_id),
);

export const { PUT, PATCH, OPTIONS } = allowOnly(GET, POST, DELETE);
