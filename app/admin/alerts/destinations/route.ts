import {
  createAlertDestinationEndpoint,
  listAlertDestinationsEndpoint,
} from "@/server/http/endpoints/alerts";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { createAlertDestination } from "@/server/services/alerts/create-alert-destination";
import { listAlertDestinations } from "@/server/services/alerts/list-alert-destinations";

export const GET = handle(listAlertDestinationsEndpoint, ({ actor }) => listAlertDestinations(actor));

export const POST = handle(createAlertDestinationEndpoint, ({ actor, body }) =>
  createAlertDestination(actor, body),
);

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);
