import { exportAuditEventsEndpoint } from "@/server/http/endpoints/audit";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { text } from "@/server/http/reply";
import { exportAuditEvents } from "@/server/services/audit/export-audit-events";

export const dynamic = "force-dynamic";

// A file rather than a JSON body (CSV or JSON), offered as a download and streamed.
export const GET = handle(exportAuditEventsEndpoint, ({ actor, query }) => {
  const file = exportAuditEvents(actor, query);
  return text({ body: file.chunks, contentType: file.contentType, filename: file.filename });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
