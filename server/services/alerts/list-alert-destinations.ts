import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { AlertDestinationDto } from "../../schemas/alerts";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toAlertDestinationDto } from "./alert-dto";

export async function listAlertDestinations(
  actor: Actor,
): Promise<{ object: "list"; data: AlertDestinationDto[] }> {
  authorize(actor, "alerts:read");
  const rows = await getDb().alertDestination.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { object: "list", data: rows.map(toAlertDestinationDto) };
}

export async function getAlertDestination(actor: Actor, id: string): Promise<AlertDestinationDto> {
  authorize(actor, "alerts:read");
  const row = await getDb().alertDestination.findUnique({ where: { id } });
  if (!row) throw notFound("Alert destination", id);
  return toAlertDestinationDto(row);
}
