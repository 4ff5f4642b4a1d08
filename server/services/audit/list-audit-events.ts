import { getDb } from "../../db/client";
import type { AuditEventDto, ListAuditEventsQuery } from "../../schemas/audit";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { cursorPage, type Page } from "../pagination/cursor-page";
import { toAuditEventDto } from "./audit-event-dto";
import { auditWhere } from "./audit-filters";

/** The audit log, newest first (ties by id), filtered; admins, admin keys and the master key only. */
export async function listAuditEvents(
  actor: Actor,
  query: ListAuditEventsQuery,
): Promise<Page<AuditEventDto>> {
  authorize(actor, "audit:read");
  const db = getDb();
  const where = auditWhere(query);
  return cursorPage({
    query,
    noun: "audit event",
    cursorExists: async (id) =>
      Boolean(await db.auditEvent.findUnique({ where: { id }, select: { id: true } })),
    findMany: (window) =>
      db.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...window }),
    count: () => db.auditEvent.count({ where }),
    toDto: toAuditEventDto,
  });
}
