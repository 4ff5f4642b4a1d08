import { telemetryEndpoint } from "@/server/http/endpoints/observability";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { readTelemetry } from "@/server/services/telemetry/read-telemetry";

export const dynamic = "force-dynamic";

export const GET = handle(telemetryEndpoint, ({ actor }) => readTelemetry(actor));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
