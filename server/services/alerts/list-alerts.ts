import { getDb } from "../../db/client";
import type { AlertDto, ListAlertsQuery } from "../../schemas/alerts";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toAlertDto } from "./alert-dto";

/** The alerts, firing first, then the most recently started, each with its deliveries. */
export async function listAlerts(
  actor: Actor,
  query: ListAlertsQuery,
): Promise<{ object: "list"; data: AlertDto[] }> {
  authorize(actor, "alerts:read");
  const rows = await getDb().alertIncident.findMany({
    where: query.state ? { state: query.state } : {},
    // "firing" sorts before "resolved" in the enum's order.
    orderBy: [{ state: "asc" }, { startedAt: "desc" }, { id: "asc" }],
    take: query.limit,
    include: { rule: true, deliveries: { orderBy: { createdAt: "asc" } } },
  });
  return { object: "list", data: rows.map(toAlertDto) };
}
