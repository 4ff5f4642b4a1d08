import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { closeEngine } from "../gateway/engine-cache";
import { forgetBackends } from "../gateway/backend-cache";
import { recordAudit } from "../audit/record-audit";
import { toBackendDto } from "./backend-dto";

export async function deleteBackend(
  actor: Actor,
  id: string,
): Promise<{ id: string; object: "backend.deleted"; deleted: true }> {
  authorize(actor, "backends:manage");
  const before = await getDb().backend.findUnique({ where: { id } });
  const { count } = await getDb().backend.deleteMany({ where: { id } });
  if (count === 0 || !before) throw notFound("Backend", id);
  await recordAudit({
    actor,
    action: "backend.delete",
    target: { type: "backend", id },
    changes: { before: toBackendDto(before, null) },
  });
  forgetBackends();
  closeEngine(id);
  return { id, object: "backend.deleted", deleted: true };
}
