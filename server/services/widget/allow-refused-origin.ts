// The console's one-click Allow on a refused origin: it becomes one of the widget's allowed origins
// (through updateWidget, so the same checks, limits and audit apply) and leaves the refused list.
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import type { WidgetDto } from "../../schemas/widget";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { getWidget } from "./get-widget";
import { updateWidget } from "./update-widget";

export async function allowRefusedOrigin(
  actor: Actor,
  input: { assistantId: string; origin: string },
): Promise<WidgetDto> {
  authorize(actor, "assistants:write", input.assistantId);
  const widget = await getWidget(actor, input.assistantId);
  const refused = await getDb().widgetRefusedOrigin.findUnique({
    where: { assistantId_origin: { assistantId: input.assistantId, origin: input.origin } },
  });
  if (!refused) {
    throw new AppError("NOT_FOUND", `${input.origin} is not among the widget's refused origins`);
  }
  return updateWidget(actor, input.assistantId, {
    allowed_origins: [...widget.allowed_origins, input.origin],
  });
}
