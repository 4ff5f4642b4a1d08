import { auditEventListSchema, listAuditEventsQuerySchema } from "../../schemas/audit";
import { listAuditEvents } from "../../services/audit/list-audit-events";
import { protectedProcedure, router } from "../init";

export const auditRouter = router({
  list: protectedProcedure
    .input(listAuditEventsQuerySchema)
    .output(auditEventListSchema)
    .query(({ ctx, input }) => listAuditEvents(ctx.actor, input)),
});
