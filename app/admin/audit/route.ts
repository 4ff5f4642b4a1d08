import { listAuditEventsEndpoint } from "@/server/http/endpoints/audit";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { listAuditEvents } from "@/server/services/audit/list-audit-events";

export const GET = handle(listAuditEventsEndpoint, ({ actor, query }) => listAuditEvents(actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
