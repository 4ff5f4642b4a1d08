import { exportSessionsEndpoint } from "@/server/http/endpoints/session-data";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { text } from "@/server/http/reply";
import { exportSessions } from "@/server/services/sessions/export-sessions";

export const dynamic = "force-dynamic";

// A file rather than a JSON body (JSON Lines or CSV), offered as a download and streamed. The
// static segment wins over the sibling [session_id] (and no session id is "export").
export const GET = handle(exportSessionsEndpoint, async ({ actor, params, query }) => {
  const file = await exportSessions(actor, params.assistant_id, query);
  return text({ body: file.chunks, contentType: file.contentType, filename: file.filename });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
