import { z } from "zod";
import { idSlugSchema } from "../../schemas/common";
import {
  refusedOriginInputSchema,
  refusedOriginSchema,
  updateWidgetInputSchema,
  widgetDtoSchema,
} from "../../schemas/widget";
import { allowRefusedOrigin } from "../../services/widget/allow-refused-origin";
import { dismissRefusedOrigin } from "../../services/widget/dismiss-refused-origin";
import { getWidget } from "../../services/widget/get-widget";
import { listRefusedOrigins } from "../../services/widget/list-refused-origins";
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
  refusedOrigins: protectedProcedure
    .input(assistant)
    .output(z.array(refusedOriginSchema))
    .query(({ ctx, input }) => listRefusedOrigins(ctx.actor, input.assistantId)),
  allowOrigin: protectedProcedure
    .input(refusedOriginInputSchema)
    .output(widgetDtoSchema)
    .mutation(({ ctx, input }) => allowRefusedOrigin(ctx.actor, input)),
  dismissOrigin: protectedProcedure
    .input(refusedOriginInputSchema)
    .output(z.object({}))
    .mutation(async ({ ctx, input }) => {
      await dismissRefusedOrigin(ctx.actor, input);
      return {};
    }),
});
