import { z } from "zod";
import {
  alertDeliverySchema,
  alertDestinationDeletedSchema,
  alertDestinationListSchema,
  alertDestinationSchema,
  alertListSchema,
  alertRuleDeletedSchema,
  alertRuleListSchema,
  alertRuleSchema,
  createAlertDestinationInputSchema,
  createAlertRuleInputSchema,
  listAlertsQuerySchema,
  updateAlertDestinationInputSchema,
  updateAlertRuleInputSchema,
} from "../../schemas/alerts";
import { createAlertDestination } from "../../services/alerts/create-alert-destination";
import { createAlertRule } from "../../services/alerts/create-alert-rule";
import { deleteAlertDestination } from "../../services/alerts/delete-alert-destination";
import { deleteAlertRule } from "../../services/alerts/delete-alert-rule";
import { listAlertDestinations } from "../../services/alerts/list-alert-destinations";
import { listAlertRules } from "../../services/alerts/list-alert-rules";
import { listAlerts } from "../../services/alerts/list-alerts";
import { testAlertDestination } from "../../services/alerts/test-alert-destination";
import { updateAlertDestination } from "../../services/alerts/update-alert-destination";
import { updateAlertRule } from "../../services/alerts/update-alert-rule";
import { protectedProcedure, router } from "../init";

const idInput = z.object({ id: z.string().min(1).max(64) });

export const alertsRouter = router({
  list: protectedProcedure
    .input(listAlertsQuerySchema)
    .output(alertListSchema)
    .query(({ ctx, input }) => listAlerts(ctx.actor, input)),
  rules: protectedProcedure.output(alertRuleListSchema).query(({ ctx }) => listAlertRules(ctx.actor)),
  createRule: protectedProcedure
    .input(createAlertRuleInputSchema)
    .output(alertRuleSchema)
    .mutation(({ ctx, input }) => createAlertRule(ctx.actor, input)),
  updateRule: protectedProcedure
    .input(idInput.extend({ patch: updateAlertRuleInputSchema }))
    .output(alertRuleSchema)
    .mutation(({ ctx, input }) => updateAlertRule(ctx.actor, input.id, input.patch)),
  deleteRule: protectedProcedure
    .input(idInput)
    .output(alertRuleDeletedSchema)
    .mutation(({ ctx, input }) => deleteAlertRule(ctx.actor, input.id)),
  destinations: protectedProcedure
    .output(alertDestinationListSchema)
    .query(({ ctx }) => listAlertDestinations(ctx.actor)),
  createDestination: protectedProcedure
    .input(createAlertDestinationInputSchema)
    .output(alertDestinationSchema)
    .mutation(({ ctx, input }) => createAlertDestination(ctx.actor, input)),
  updateDestination: protectedProcedure
    .input(idInput.extend({ patch: updateAlertDestinationInputSchema }))
    .output(alertDestinationSchema)
    .mutation(({ ctx, input }) => updateAlertDestination(ctx.actor, input.id, input.patch)),
  deleteDestination: protectedProcedure
    .input(idInput)
    .output(alertDestinationDeletedSchema)
    .mutation(({ ctx, input }) => deleteAlertDestination(ctx.actor, input.id)),
  testDestination: protectedProcedure
    .input(idInput)
    .output(alertDeliverySchema)
    .mutation(({ ctx, input }) => testAlertDestination(ctx.actor, input.id)),
});
