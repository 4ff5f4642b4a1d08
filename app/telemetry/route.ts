import { telemetryEndpoint } from "@/server/http/endpoints/observability";
import { handle } from "@/server/http/handle";
import { readTelemetry } from "@/server/services/observability/read-telemetry";

export const dynamic = "force-dynamic";

export const GET = handle(telemetryEndpoint, ({ actor }) => readTelemetry(actor));
