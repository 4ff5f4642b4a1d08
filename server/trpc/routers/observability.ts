import { telemetrySchema } from "../../schemas/telemetry";
import { readTelemetry } from "../../services/telemetry/read-telemetry";
import { protectedProcedure, router } from "../init";

export const observabilityRouter = router({
  telemetry: protectedProcedure.output(telemetrySchema).query(({ ctx }) => readTelemetry(ctx.actor)),
});
