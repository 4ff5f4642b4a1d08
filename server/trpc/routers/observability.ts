import { capacityQuerySchema, capacitySchema } from "../../schemas/capacity";
import { telemetrySchema, telemetrySeriesQuerySchema, telemetrySeriesSchema } from "../../schemas/telemetry";
import { getCapacity } from "../../services/sla/plan-capacity";
import { readTelemetry } from "../../services/telemetry/read-telemetry";
import { readTelemetrySeries } from "../../services/telemetry/read-telemetry-series";
import { protectedProcedure, router } from "../init";

export const observabilityRouter = router({
  telemetry: protectedProcedure.output(telemetrySchema).query(({ ctx }) => readTelemetry(ctx.actor)),
  series: protectedProcedure
    .input(telemetrySeriesQuerySchema)
    .output(telemetrySeriesSchema)
    .query(({ ctx, input }) => readTelemetrySeries(ctx.actor, input)),
  capacity: protectedProcedure
    .input(capacityQuerySchema)
    .output(capacitySchema)
    .query(({ ctx, input }) => getCapacity(ctx.actor, input)),
});
