import { z } from "zod";
import {
  listLoadTestsQuerySchema,
  loadTestIdSchema,
  loadTestListSchema,
  loadTestReportSchema,
  loadTestSchema,
  reportFormats,
  startLoadTestInputSchema,
} from "../../schemas/loadtest";
import { getLoadTest, listLoadTests } from "../../services/loadtest/get-loadtest";
import { getLoadTestReport, renderReport } from "../../services/loadtest/report/export-report";
import { startLoadTest } from "../../services/loadtest/start-loadtest";
import { stopLoadTest } from "../../services/loadtest/stop-loadtest";
import { protectedProcedure, router } from "../init";

const runIdsSchema = z.object({ ids: z.array(loadTestIdSchema).min(1).max(4) });

export const loadTestsRouter = router({
  list: protectedProcedure
    .input(listLoadTestsQuerySchema)
    .output(loadTestListSchema)
    .query(({ ctx, input }) => listLoadTests(ctx.actor, input)),
  get: protectedProcedure
    .input(z.object({ id: loadTestIdSchema }))
    .output(loadTestSchema)
    .query(({ ctx, input }) => getLoadTest(ctx.actor, input.id)),
  start: protectedProcedure
    .input(startLoadTestInputSchema)
    .output(loadTestSchema)
    .mutation(({ ctx, input }) => startLoadTest(ctx.actor, input)),
  stop: protectedProcedure
    .input(z.object({ id: loadTestIdSchema }))
    .output(loadTestSchema)
    .mutation(({ ctx, input }) => stopLoadTest(ctx.actor, input.id)),
  /** The report of one run, or of several side by side (the first run's SLA draws the line). */
  report: protectedProcedure
    .input(runIdsSchema)
    .output(loadTestReportSchema)
    .query(({ ctx, input }) => getLoadTestReport(ctx.actor, input.ids)),
  /** The same report as a file, for the console's export buttons. */
  export: protectedProcedure
    .input(runIdsSchema.extend({ format: z.enum(reportFormats) }))
    .output(z.object({ body: z.string(), contentType: z.string(), filename: z.string() }))
    .query(async ({ ctx, input }) =>
      renderReport(await getLoadTestReport(ctx.actor, input.ids), input.format),
    ),
});
