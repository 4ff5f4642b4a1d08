import {
  deleteAlertDestinationEndpoint,
  getAlertDestinationEndpoint,
  updateAlertDestinationEndpoint,
} from "@/server/http/endpoints/alerts";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { deleteAlertDestination } from "@/server/services/alerts/delete-alert-destination";
import { getAlertDestination } from "@/server/services/alerts/list-alert-destinations";
import { updateAlertDestination } from "@/server/services/alerts/update-alert-destination";

export const GET = handle(getAlertDestinationEndpoint, ({ actor, params }) =>
  getAlertDestination(actor, params.destination_id),
);

export const POST = handle(updateAlertDestinationEndpoint, ({ actor, params, body }) =>
  updateAlertDestination(actor, params.destination_id, body),
);

export const DELETE = handle(deleteAlertDestinationEndpoint, ({ actor, params }) =>
  deleteAlertDestination(actor, params.destination_id),
);

export const { PUT, PATCH, OPTIONS } = allowOnly(GET, POST, DELETE);
