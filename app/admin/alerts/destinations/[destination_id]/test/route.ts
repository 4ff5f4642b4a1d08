import { testAlertDestinationEndpoint } from "@/server/http/endpoints/alerts";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { testAlertDestination } from "@/server/services/alerts/test-alert-destination";

export const POST = handle(testAlertDestinationEndpoint, ({ actor, params }) =>
  testAlertDestination(actor, params.destination_id),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
