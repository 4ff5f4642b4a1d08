import {
  deploymentInfoSchema,
  instanceSettingsSchema,
  updateInstanceSettingsInputSchema,
} from "../../schemas/settings";
import { describeDeployment } from "../../services/system/describe-deployment";
import { getInstanceSettings } from "../../services/settings/get-instance-settings";
import { updateInstanceSettings } from "../../services/settings/update-instance-settings";
import { protectedProcedure, router } from "../init";

export const settingsRouter = router({
  get: protectedProcedure.output(instanceSettingsSchema).query(({ ctx }) => getInstanceSettings(ctx.actor)),
  update: protectedProcedure
    .input(updateInstanceSettingsInputSchema)
    .output(instanceSettingsSchema)
    .mutation(({ ctx, input }) => updateInstanceSettings(ctx.actor, input)),
  deployment: protectedProcedure
    .output(deploymentInfoSchema)
    .query(({ ctx }) => describeDeployment(ctx.actor)),
});
