import { loadTestReportEndpoint } from "@/server/http/endpoints/loadtests";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { text } from "@/server/http/reply";
import { exportLoadTestReport } from "@/server/services/loadtest/report/export-report";

export const dynamic = "force-dynamic";

// A file rather than a JSON body: Markdown, CSV or JSON, offered as a download.
export const GET = handle(loadTestReportEndpoint, async ({ actor, params, query }) =>
  text(await exportLoadTestReport(actor, params.loadtest_id, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
