// The gate of every knowledge operation: the caller's right (reading is open to the assistant's
// runtime keys and every console role; changing needs an operator or an admin key) and the
// assistant's existence, so a caller cannot tell another assistant's files apart from none.
import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";

export async function requireKnowledgeAccess(
  actor: Actor,
  assistantId: string,
  access: "read" | "write",
): Promise<void> {
  authorize(actor, access === "read" ? "knowledge:read" : "knowledge:write", assistantId);
  const exists = await getDb().assistant.findUnique({ where: { id: assistantId }, select: { id: true } });
  if (!exists) throw notFound("Assistant", assistantId);
}
