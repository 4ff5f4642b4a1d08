// Session retention: an assistant with `retentionDays` keeps a session until its last activity (its
// latest message, or its start if it has none) is that many days old. A daily job deletes the older
// sessions (their messages and ratings go with them, ON DELETE CASCADE), then the end users of the
// assistant left without a session and not seen since the same cutoff. Every replica runs the
// timer (from start-up, never keeping the process alive), but a run holds the job's cluster lock
// (cluster/single-flight.ts), so only one replica deletes at a time; deleting is idempotent, so a
// later run on another replica finds little left. Sessions go in batches, so a first run over a
// long history never holds one long transaction. What each assistant lost is logged and recorded
// in the audit log.
import { getDb, type Prisma } from "../../db/client";
import { logger } from "../../logger";
import { system } from "../access/actor";
import { recordAudit } from "../audit/record-audit";
import { runAlone } from "../cluster/single-flight";

const DAY_MS = 24 * 60 * 60 * 1000;
const RUN_INTERVAL_MS = DAY_MS;
const BATCH = 500;

const state = globalThis as unknown as { hearthSessionRetention?: NodeJS.Timeout };

export interface RetentionOutcome {
  assistantId: string;
  retentionDays: number;
  cutoff: Date;
  sessions: number;
  messages: number;
  endUsers: number;
}

/** Sessions whose last activity is before the cutoff (a session's start never follows its last message). */
const expired = (assistantId: string, cutoff: Date): Prisma.ChatSessionWhereInput => ({
  assistantId,
  createdAt: { lt: cutoff },
  OR: [{ lastMessageAt: null }, { lastMessageAt: { lt: cutoff } }],
});

async function deleteExpiredSessions(
  assistantId: string,
  cutoff: Date,
): Promise<{ sessions: number; messages: number }> {
  const db = getDb();
  let sessions = 0;
  let messages = 0;
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const rows = await tx.chatSession.findMany({
        where: expired(assistantId, cutoff),
        select: { id: true },
        take: BATCH,
      });
      const ids = rows.map((row) => row.id);
      if (ids.length === 0) return { found: 0, sessions: 0, messages: 0 };
      const gone = await tx.message.count({ where: { sessionId: { in: ids } } });
      // Checked again: a session that was continued since it was read stays.
      const { count } = await tx.chatSession.deleteMany({
        where: { id: { in: ids }, ...expired(assistantId, cutoff) },
      });
      return { found: ids.length, sessions: count, messages: gone };
    });
    sessions += batch.sessions;
    messages += batch.messages;
    if (batch.found < BATCH) return { sessions, messages };
  }
}

async function applyToAssistant(
  assistant: { id: string; retentionDays: number },
  now: Date,
): Promise<RetentionOutcome> {
  const cutoff = new Date(now.getTime() - assistant.retentionDays * DAY_MS);
  const { sessions, messages } = await deleteExpiredSessions(assistant.id, cutoff);
  const { count: endUsers } = await getDb().endUser.deleteMany({
    where: { assistantId: assistant.id, lastSeenAt: { lt: cutoff }, sessions: { none: {} } },
  });
  const outcome = {
    assistantId: assistant.id,
    retentionDays: assistant.retentionDays,
    cutoff,
    sessions,
    messages,
    endUsers,
  };
  if (sessions > 0 || endUsers > 0) {
    logger.info(outcome, "deleted sessions past the assistant's retention");
    await recordAudit({
      actor: system,
      actorLabel: "session retention job",
      action: "session.expire",
      target: { type: "assistant", id: assistant.id },
      changes: {
        retention_days: assistant.retentionDays,
        cutoff: cutoff.toISOString(),
        sessions,
        messages,
        end_users: endUsers,
      },
    });
  }
  return outcome;
}

/**
 * Applies every assistant's retention once; returns what each assistant with a retention lost, or
 * null when another run holds the job (on this replica or another).
 */
export async function applySessionRetention(now = new Date()): Promise<RetentionOutcome[] | null> {
  return runAlone("session-retention", async () => {
    const assistants = await getDb().assistant.findMany({
      where: { retentionDays: { not: null } },
      select: { id: true, retentionDays: true },
      orderBy: { id: "asc" },
    });
    const outcomes: RetentionOutcome[] = [];
    for (const { id, retentionDays } of assistants) {
      if (retentionDays !== null) outcomes.push(await applyToAssistant({ id, retentionDays }, now));
    }
    return outcomes;
  });
}

/** Applies retention now and every day after, once per process. */
export function startSessionRetention(): void {
  if (state.hearthSessionRetention) return;
  const tick = () =>
    applySessionRetention().catch((error: unknown) =>
      logger.error({ err: error }, "applying session retention failed"),
    );
  void tick();
  state.hearthSessionRetention = setInterval(() => void tick(), RUN_INTERVAL_MS);
  state.hearthSessionRetention.unref();
}
