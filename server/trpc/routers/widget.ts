import { z } from "zod";
import { idSlugSchema } from "../../schemas/common";
import { updateWidgetInputSchema, widgetDtoSchema } from "../../schemas/widget";
import { getWidget } from "../../services/widget/get-widget";
import { updateWidget } from "../../services/widget/update-widget";
import { protectedProcedure, router } from "../init";

const assistant = z.object({ assistantId: idSlugSchema });

export const widgetRouter = router({
  get: protectedProcedure
    .input(assistant)
    .output(widgetDtoSchema)
    .query(({ ctx, input }) => getWidget(ctx.actor, input.assistantId)),
  update: protectedProcedure
    .input(assistant.extend({ changes: updateWidgetInputSchema }))
    .output(widgetDtoSchema)
    .mutation(({ ctx, input }) => updateWidget(ctx.actor, input.assistantId, input.changes)),
});
