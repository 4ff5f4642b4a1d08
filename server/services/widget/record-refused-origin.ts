// Remembers a site whose page asked for an assistant's widget without being allowed, so that the
// console can offer to allow it in one click. Anyone can make a page ask (or send any Origin header
// with curl), so the list is bounded: one row per origin, counted, and at most
// REFUSED_ORIGINS_KEPT per assistant, the least recently seen dropped first.
import { getDb } from "../../db/client";
import { widgetOriginSchema } from "../../schemas/widget";

export const REFUSED_ORIGINS_KEPT = 25;

/** `origin` is already normalised (originOf); one that could not be allowed is not kept. */
export async function recordRefusedOrigin(
  assistantId: string,
  origin: string,
  now = new Date(),
): Promise<void> {
  if (widgetOriginSchema.safeParse(origin).data !== origin) return;
  const db = getDb();
  // xmax = 0 only on a freshly inserted row: the cap needs checking only when the list grew.
  const [row] = await db.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO "WidgetRefusedOrigin" ("assistantId", origin, count, "firstSeenAt", "lastSeenAt")
    VALUES (${assistantId}, ${origin}, 1, ${now}, ${now})
    ON CONFLICT ("assistantId", origin) DO UPDATE SET
      count = "WidgetRefusedOrigin".count + 1,
      "lastSeenAt" = GREATEST("WidgetRefusedOrigin"."lastSeenAt", EXCLUDED."lastSeenAt")
    RETURNING (xmax = 0) AS inserted`;
  if (!row?.inserted) return;
  await db.$executeRaw`
    DELETE FROM "WidgetRefusedOrigin"
    WHERE "assistantId" = ${assistantId} AND origin NOT IN (
      SELECT origin FROM "WidgetRefusedOrigin" WHERE "assistantId" = ${assistantId}
      ORDER BY "lastSeenAt" DESC, origin LIMIT ${REFUSED_ORIGINS_KEPT}
    )`;
}
