// Audit retention: events older than the instance setting `auditRetentionDays` are deleted, by a
// timer every replica runs (hourly, from start-up, never keeping the process alive). Deleting is
// idempotent, so replicas pruning at the same moment only repeat each other's work; rows go in
// batches, so a first prune of a large log never holds one long transaction.
import { getDb } from "../../db/client";
import { logger } from "../../logger";
import { DEFAULT_AUDIT_RETENTION_DAYS } from "../../schemas/audit";
import { INSTANCE_SETTINGS_ID } from "../settings/instance-settings";

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const BATCH = 1_000;

const state = globalThis as unknown as { hearthAuditRetention?: NodeJS.Timeout };

/** Deletes the events older than the retention setting; returns how many went. */
export async function pruneAuditEvents(now = new Date()): Promise<number> {
  const db = getDb();
  const settings = await db.instanceSetting.findUnique({
    where: { id: INSTANCE_SETTINGS_ID },
    select: { auditRetentionDays: true },
  });
  const days = settings?.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let deleted = 0;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: { createdAt: { lt: cutoff } },
      select: { id: true },
      take: BATCH,
    });
    if (batch.length === 0) break;
    const { count } = await db.auditEvent.deleteMany({
      where: { id: { in: batch.map((row) => row.id) }, createdAt: { lt: cutoff } },
    });
    deleted += count;
    if (batch.length < BATCH) break;
  }
  if (deleted > 0) logger.info({ deleted, retentionDays: days }, "pruned old audit events");
  return deleted;
}

/** Prunes now and every hour after, once per process. */
export function startAuditRetention(): void {
  if (state.hearthAuditRetention) return;
  const tick = () =>
    pruneAuditEvents().catch((error: unknown) => logger.error({ err: error }, "pruning audit events failed"));
  void tick();
  state.hearthAuditRetention = setInterval(() => void tick(), PRUNE_INTERVAL_MS);
  state.hearthAuditRetention.unref();
}
