import type { Prisma } from "../../db/client";
import type { AuditFilters } from "../../schemas/audit";

// Prisma hands a `startsWith` value, and an `equals` with `mode: "insensitive"`, to (I)LIKE as it
// is: `_` (in api_key, in e-mails) would match any character and `%` anything.
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** The rows the list and the export filters select; `action` ending in `*` is a prefix. */
export function auditWhere(filters: AuditFilters): Prisma.AuditEventWhereInput {
  const { action } = filters;
  return {
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.actor_label
      ? { actorLabel: { equals: likeLiteral(filters.actor_label), mode: "insensitive" } }
      : {}),
    ...(action && action !== "*"
      ? { action: action.endsWith("*") ? { startsWith: likeLiteral(action.slice(0, -1)) } : action }
      : {}),
    ...(filters.target_type ? { targetType: filters.target_type } : {}),
    ...(filters.target_id ? { targetId: filters.target_id } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(filters.created_after || filters.created_before
      ? { createdAt: { gte: filters.created_after, lt: filters.created_before } }
      : {}),
  };
}
