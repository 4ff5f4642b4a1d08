// Session retention: an assistant's sessions whose last activity is older than its retention go,
// with their messages, and its end users left with nothing and not seen since; recent activity
// keeps an old session; other assistants, and assistants without a retention, keep everything.
// Runs are one at a time across replicas (an advisory lock on a PostgreSQL server) and in-process.
import pg from "pg";
import { beforeEach, describe, expect, inject, test } from "vitest";
import { getDb } from "../../db/client";
import { master } from "../../test/actors";
import { createChatAssistant } from "../../test/chat";
import { updateAssistant } from "../assistants/update-assistant";
import { askAssistant } from "../runtime/ask-assistant";
import { applySessionRetention } from "./apply-session-retention";
import { createSession } from "./create-session";

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date(Date.UTC(2026, 5, 1, 12));
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

/** A session of `user` with one exchange, started and last active so many days before `now`. */
async function sessionAged(assistantId: string, user: string, started: number, active = started) {
  const { session_id } = await askAssistant(
    master,
    assistantId,
    { message: "Hello", user, reasoning: false },
    new AbortController().signal,
  );
  const db = getDb();
  await db.chatSession.update({
    where: { id: session_id },
    data: { createdAt: daysAgo(started), lastMessageAt: daysAgo(active) },
  });
  await db.endUser.update({
    where: { assistantId_externalId: { assistantId, externalId: user } },
    data: { lastSeenAt: daysAgo(active) },
  });
  return session_id;
}

const sessionIds = async (assistantId: string) =>
  (await getDb().chatSession.findMany({ where: { assistantId }, select: { id: true } }))
    .map((row) => row.id)
    .sort();

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
});

describe("applySessionRetention", () => {
  test("deletes only the assistant's sessions last active before its retention, and logs it", async () => {
    await updateAssistant(master, "support", { retention_days: 30 });
    const old = await sessionAged("support", "alice", 40);
    const revived = await sessionAged("support", "bob", 40, 5);
    const recent = await sessionAged("support", "carol", 2);
    const empty = await createSession(master, "support", {});
    await getDb().chatSession.update({ where: { id: empty.id }, data: { createdAt: daysAgo(31) } });
    const kept = await sessionAged("sales", "alice", 400);

    const outcomes = await applySessionRetention(now);

    expect(outcomes).toEqual([
      {
        assistantId: "support",
        retentionDays: 30,
        cutoff: daysAgo(30),
        sessions: 2,
        messages: 2,
        endUsers: 1,
      },
    ]);
    expect(await sessionIds("support")).toEqual([revived, recent].sort());
    expect(await getDb().message.count({ where: { sessionId: old } })).toBe(0);
    expect(await sessionIds("sales")).toEqual([kept]);
    // alice had nothing left with support and was last seen before the cutoff; bob and carol stay.
    const endUsers = await getDb().endUser.findMany({ select: { assistantId: true, externalId: true } });
    expect(endUsers.map((row) => `${row.assistantId}/${row.externalId}`).sort()).toEqual([
      "sales/alice",
      "support/bob",
      "support/carol",
    ]);
    const audit = await getDb().auditEvent.findFirst({ where: { action: "session.expire" } });
    expect(audit).toMatchObject({
      actorLabel: "session retention job",
      targetType: "assistant",
      targetId: "support",
      changes: { retention_days: 30, sessions: 2, messages: 2, end_users: 1 },
    });

    // Run again: nothing more to delete, and nothing more recorded.
    expect((await applySessionRetention(now))?.[0]).toMatchObject({ sessions: 0, endUsers: 0 });
    expect(await getDb().auditEvent.count({ where: { action: "session.expire" } })).toBe(1);
  });

  test("without a retention (null, the default) every session is kept", async () => {
    await sessionAged("support", "alice", 4000);
    await updateAssistant(master, "sales", { retention_days: 10 });
    await updateAssistant(master, "sales", { retention_days: null });
    await sessionAged("sales", "bob", 4000);
    expect(await applySessionRetention(now)).toEqual([]);
    expect(await getDb().chatSession.count()).toBe(2);
    expect(await getDb().endUser.count()).toBe(2);
  });

  test("deletes a long history in batches", async () => {
    await updateAssistant(master, "support", { retention_days: 1 });
    await getDb().chatSession.createMany({
      data: Array.from({ length: 1_203 }, (_, index) => ({
        id: `sess_old_${index}`,
        assistantId: "support",
        createdAt: daysAgo(3),
      })),
    });
    const recent = await sessionAged("support", "alice", 0);
    expect((await applySessionRetention(now))?.[0]?.sessions).toBe(1_203);
    expect(await sessionIds("support")).toEqual([recent]);
  });

  test("one run at a time in a process: a second call while one runs skips", async () => {
    await updateAssistant(master, "support", { retention_days: 30 });
    await sessionAged("support", "alice", 40);
    const [first, second] = await Promise.all([applySessionRetention(now), applySessionRetention(now)]);
    expect([first, second].filter((outcome) => outcome === null)).toHaveLength(1);
    expect(await getDb().chatSession.count()).toBe(0);
  });

  test.runIf(inject("databaseKind") === "postgres")(
    "one replica at a time: while another holds the job's lock, a run skips",
    async () => {
      await updateAssistant(master, "support", { retention_days: 30 });
      await sessionAged("support", "alice", 40);
      const other = new pg.Client({ connectionString: inject("databaseUrl") });
      await other.connect();
      try {
        await other.query("SELECT pg_advisory_lock(hashtextextended('hearth:job:session-retention', 0))");
        expect(await applySessionRetention(now)).toBeNull();
        expect(await getDb().chatSession.count()).toBe(1);
        await other.query("SELECT pg_advisory_unlock(hashtextextended('hearth:job:session-retention', 0))");
        expect((await applySessionRetention(now))?.[0]?.sessions).toBe(1);
      } finally {
        await other.end();
      }
    },
  );
});
