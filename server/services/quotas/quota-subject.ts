// Who a quota is on: an API key, or one end user of an assistant (the `user` a caller names, or a
// widget visitor). Each has its own counters and its own rows in the usage rollups.
import { Prisma } from "../../db/client";
import type { Quotas } from "../../schemas/quotas";

export type QuotaSubject =
  | { kind: "api_key"; keyId: string; quotas: Quotas }
  | { kind: "end_user"; assistantId: string; user: string; quotas: Quotas };

/** The subject's counter key, for limits counted per subject. */
export function subjectKey(subject: QuotaSubject): string {
  return subject.kind === "api_key" ? `key:${subject.keyId}` : `user:${subject.assistantId}:${subject.user}`;
}

/** How an error names it: "API key key_…" or "end user 'alice'". */
export function subjectLabel(subject: QuotaSubject): string {
  return subject.kind === "api_key" ? `API key ${subject.keyId}` : `end user '${subject.user}'`;
}

/** The subject's rows in UsageRollup. */
export function rollupFilter(subject: QuotaSubject): Prisma.Sql {
  return subject.kind === "api_key"
    ? Prisma.sql`"apiKeyId" = ${subject.keyId}`
    : Prisma.sql`"endUserId" IN (SELECT id FROM "EndUser" WHERE "assistantId" = ${subject.assistantId} AND "externalId" = ${subject.user})`;
}
