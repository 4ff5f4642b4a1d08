import { exportUsageEndpoint } from "@/server/http/endpoints/usage";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { text } from "@/server/http/reply";
import { exportUsage } from "@/server/services/usage/export-usage";

export const dynamic = "force-dynamic";

// A file rather than a JSON body (CSV or JSON), offered as a download.
export const GET = handle(exportUsageEndpoint, async ({ actor, query }) =>
  text(await exportUsage(actor, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
