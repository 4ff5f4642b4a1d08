import { telemetrySeriesEndpoint } from "@/server/http/endpoints/observability";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { readTelemetrySeries } from "@/server/services/telemetry/read-telemetry-series";

export const GET = handle(telemetrySeriesEndpoint, ({ actor, query }) => readTelemetrySeries(actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
