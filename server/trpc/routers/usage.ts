import { usageQuerySchema, usageReportSchema } from "../../schemas/usage";
import { readUsage } from "../../services/usage/read-usage";
import { protectedProcedure, router } from "../init";

export const usageRouter = router({
  report: protectedProcedure
    .input(usageQuerySchema)
    .output(usageReportSchema)
    .query(({ ctx, input }) => readUsage(ctx.actor, input)),
});
