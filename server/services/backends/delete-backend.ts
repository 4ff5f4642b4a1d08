import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { closeEngine } from "../gateway/engine-cache";
import { forgetBackends } from "./backend-cache";

export async function deleteBackend(
  actor: Actor,
  id: string,
): Promise<{ id: string; object: "backend.deleted"; deleted: true }> {
  authorize(actor, "backends:manage");
  const { count } = await getDb().backend.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Backend", id);
  forgetBackends();
  closeEngine(id);
  return { id, object: "backend.deleted", deleted: true };
}
