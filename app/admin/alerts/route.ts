import { listAlertsEndpoint } from "@/server/http/endpoints/alerts";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { listAlerts } from "@/server/services/alerts/list-alerts";

export const GET = handle(listAlertsEndpoint, ({ actor, query }) => listAlerts(actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
