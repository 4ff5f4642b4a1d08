import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { BackendDto } from "../../schemas/backend";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toBackendDto } from "./backend-dto";

export async function listBackends(actor: Actor): Promise<{ object: "list"; data: BackendDto[] }> {
  authorize(actor, "backends:read");
  const rows = await getDb().backend.findMany({ orderBy: { name: "asc" } });
  return { object: "list", data: rows.map(toBackendDto) };
}

export async function getBackend(actor: Actor, id: string): Promise<BackendDto> {
  authorize(actor, "backends:read");
  const row = await getDb().backend.findUnique({ where: { id } });
  if (!row) throw notFound("Backend", id);
  return toBackendDto(row);
}
