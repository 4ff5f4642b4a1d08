import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { RefusedOrigin } from "../../schemas/widget";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";

/** The sites whose pages asked for the widget and were refused, the most recently seen first. */
export async function listRefusedOrigins(actor: Actor, assistantId: string): Promise<RefusedOrigin[]> {
  authorize(actor, "assistants:read", assistantId);
  const db = getDb();
  const assistant = await db.assistant.findUnique({ where: { id: assistantId }, select: { id: true } });
  if (!assistant) throw notFound("Assistant", assistantId);
  const rows = await db.widgetRefusedOrigin.findMany({
    where: { assistantId },
    orderBy: [{ lastSeenAt: "desc" }, { origin: "asc" }],
  });
  return rows.map((row) => ({
    origin: row.origin,
    count: row.count,
    first_seen_at: row.firstSeenAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
  }));
}
