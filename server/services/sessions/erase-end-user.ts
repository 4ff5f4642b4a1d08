// A privacy request: one end user of an assistant erased, with everything Hearth keeps under them:
// their sessions, the messages and ratings in those (ON DELETE CASCADE), the end user's row, and,
// for a widget visitor, the rate-limit counter of their widget conversation.
import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { EndUserErased } from "../../schemas/session-data";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { resetRateLimit } from "../rate-limits/consume-rate-limit";
import { requireReadableAssistant } from "./require-readable-assistant";

/**
 * Widget visitors chat as `widget:<widget session id>` (widget/widget-conversation.ts), and each
 * widget conversation's messages are counted under that session (widget/prepare-widget-exchange.ts).
 */
const WIDGET_VISITOR = /^widget:(.+)$/;
const WIDGET_SESSION_SCOPE = "widget-session";

async function deleteConversations(
  assistantId: string,
  user: string,
): Promise<{ sessions: number; messages: number }> {
  return getDb().$transaction(async (tx) => {
    // Locked first: a request of the same user waits, so no session of theirs can be added between
    // the sessions' deletion and the row's (which would leave it behind, its user set to null).
    const [endUser] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "EndUser" WHERE "assistantId" = ${assistantId} AND "externalId" = ${user} FOR UPDATE`;
    if (!endUser) throw notFound("End user", user);
    const messages = await tx.message.count({ where: { session: { endUserId: endUser.id } } });
    const { count: sessions } = await tx.chatSession.deleteMany({ where: { endUserId: endUser.id } });
    await tx.endUser.delete({ where: { id: endUser.id } });
    return { sessions, messages };
  });
}

/** Runtime keys of the assistant and operators may do it, as they may delete a session. */
export async function eraseEndUser(actor: Actor, assistantId: string, user: string): Promise<EndUserErased> {
  await requireReadableAssistant(actor, assistantId);
  authorize(actor, "runtime:use", assistantId);
  const counts = await deleteConversations(assistantId, user);
  const widgetSession = WIDGET_VISITOR.exec(user)?.[1];
  if (widgetSession) await resetRateLimit(WIDGET_SESSION_SCOPE, `${assistantId}:${widgetSession}`);
  await recordAudit({
    actor,
    action: "end_user.delete",
    target: { type: "end_user", id: user },
    changes: { before: { assistant_id: assistantId, ...counts } },
  });
  return { id: user, object: "end_user.deleted", deleted: true, ...counts };
}
