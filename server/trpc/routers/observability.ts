import { capacityQuerySchema, capacitySchema } from "../../schemas/capacity";
import { telemetrySchema } from "../../schemas/telemetry";
import { getCapacity } from "../../services/sla/plan-capacity";
import { readTelemetry } from "../../services/telemetry/read-telemetry";
import { protectedProcedure, router } from "../init";

export const observabilityRouter = router({
  telemetry: protectedProcedure.output(telemetrySchema).query(({ ctx }) => readTelemetry(ctx.actor)),
  capacity: protectedProcedure
    .input(capacityQuerySchema)
    .output(capacitySchema)
    .query(({ ctx, input }) => getCapacity(ctx.actor, input)),
});
