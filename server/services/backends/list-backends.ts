import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { BackendDto } from "../../schemas/backend";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { backendHealthById } from "../gateway/backend-health-view";
import { toBackendDto } from "./backend-dto";

export async function listBackends(actor: Actor): Promise<{ object: "list"; data: BackendDto[] }> {
  authorize(actor, "backends:read");
  const [rows, health] = await Promise.all([
    getDb().backend.findMany({ orderBy: { name: "asc" } }),
    backendHealthById(),
  ]);
  return { object: "list", data: rows.map((row) => toBackendDto(row, health.get(row.id) ?? null)) };
}

export async function getBackend(actor: Actor, id: string): Promise<BackendDto> {
  authorize(actor, "backends:read");
  const row = await getDb().backend.findUnique({ where: { id } });
  if (!row) throw notFound("Backend", id);
  return toBackendDto(row, (await backendHealthById()).get(row.id) ?? null);
}
