import type { Tx } from "../../db/client";
import { newId } from "./ids";

/** Records that an end user (external id) was seen by an assistant; returns the row id. */
export async function upsertEndUser(tx: Tx, assistantId: string, externalId: string): Promise<string> {
  const now = new Date();
  const row = await tx.endUser.upsert({
    where: { assistantId_externalId: { assistantId, externalId } },
    create: { id: newId("eu"), assistantId, externalId, firstSeenAt: now, lastSeenAt: now },
    update: { lastSeenAt: now },
    select: { id: true },
  });
  return row.id;
}
