// The audit log's read side: the list (every filter, newest first, cursor pages without repeats or
// gaps), secrets redacted in what it returns, the CSV/JSON export, and retention (only events
// older than the setting are deleted, in batches). Events are written with the real recordAudit.
import { parse } from "csv-parse/sync";
import { describe, expect, test, vi } from "vitest";
import { getDb } from "@/server/db/client";
import type { AppError } from "@/server/errors";
import { listAuditEventsQuerySchema, type ListAuditEventsQueryInput } from "@/server/schemas/audit";
import type { Actor } from "@/server/services/access/actor";
import { updateInstanceSettings } from "@/server/services/settings/update-instance-settings";
import { createUserActor, master } from "@/server/test/actors";
import { rejectionOf } from "@/server/test/rejection";
import { exportAuditEvents } from "./export-audit-events";
import { listAuditEvents } from "./list-audit-events";
import { pruneAuditEvents, startAuditRetention } from "../system/audit-retention";
import { recordAudit, type AuditEntry } from "./record-audit";

let sequence = 0;

/** Records an event as `actor` from 203.0.113.7 and dates it `at`; returns its id. */
async function recorded(
  entry: Omit<AuditEntry, "actor" | "target"> & { actor?: Actor; target?: AuditEntry["target"] },
  at = new Date(),
): Promise<string> {
  const requestId = `req-${++sequence}`;
  await recordAudit({
    ...entry,
    actor: { ...(entry.actor ?? master), via: { clientAddress: "203.0.113.7", requestId } },
    target: entry.target ?? { type: entry.action.split(".")[0] ?? "thing", id: null },
  });
  await getDb().auditEvent.updateMany({ where: { requestId }, data: { createdAt: at } });
  const row = await getDb().auditEvent.findFirstOrThrow({ where: { requestId } });
  return row.id;
}

const list = (query: ListAuditEventsQueryInput = {}, actor: Actor = master) =>
  listAuditEvents(actor, listAuditEventsQuerySchema.parse(query));
const ids = (page: Awaited<ReturnType<typeof list>>) => page.data.map((event) => event.id);
const day = (date: number, hour = 12) => new Date(Date.UTC(2026, 4, date, hour));

describe("an event as listed", () => {
  test("has who, when, from where, what and the change, in snake_case", async () => {
    const admin = await createUserActor("admin", "ada@example.test");
    await recorded(
      {
        actor: admin,
        action: "assistant.update",
        target: { type: "assistant", id: "support" },
        changes: { before: { name: "Old" }, after: { name: "New" } },
      },
      day(1),
    );
    const [event] = (await list()).data;
    expect(event).toEqual({
      id: expect.stringMatching(/^aud_/) as string,
      object: "audit_event",
      created_at: "2026-05-01T12:00:00.000Z",
      actor: `user:${admin.userId}`,
      actor_label: "ada@example.test",
      action: "assistant.update",
      target_type: "assistant",
      target_id: "support",
      outcome: "success",
      client_address: "203.0.113.7",
      request_id: expect.stringMatching(/^req-/) as string,
      changes: { before: { name: "Old" }, after: { name: "New" } },
    });
  });

  test("shows secrets as [redacted], at any depth", async () => {
    await recorded({
      action: "backend.update",
      changes: {
        before: { api_key: "sk-old", name: "gpu" },
        after: { api_key: "sk-secret", name: "gpu", headers: [{ authorization: "Bearer sk-deep" }] },
      },
    });
    const page = await list();
    expect(page.data[0]?.changes).toEqual({
      before: { api_key: "[redacted]", name: "gpu" },
      after: { api_key: "[redacted]", name: "gpu", headers: [{ authorization: "[redacted]" }] },
    });
    expect(JSON.stringify(page)).not.toMatch(/sk-(old|secret|deep)/);
  });

  test("is redacted when read too: a row stored with a secret by another writer does not show it", async () => {
    await getDb().auditEvent.create({
      data: {
        id: "aud_legacy",
        actor: "master_key",
        action: "api_key.create",
        targetType: "api_key",
        changes: { after: { name: "ci", key: "hth_plaintext", password: "hunter2hunter2" } },
      },
    });
    const [event] = (await list()).data;
    expect(event?.changes).toEqual({ after: { name: "ci", key: "[redacted]", password: "[redacted]" } });
  });
});

describe("filters", () => {
  async function mixedEvents() {
    const ada = await createUserActor("admin", "Ada@Example.test");
    const ids = {
      create: await recorded(
        { actor: ada, action: "assistant.create", target: { type: "assistant", id: "support" } },
        day(1),
      ),
      update: await recorded(
        { actor: ada, action: "assistant.update", target: { type: "assistant", id: "sales" } },
        day(2),
      ),
      key: await recorded({ action: "api_key.create", target: { type: "api_key", id: "key_1" } }, day(3)),
      // `_` is a LIKE wildcard: a prefix filter on api_key.* must not match this one.
      lookalike: await recorded(
        { action: "apiXkey.create", target: { type: "other", id: null } },
        day(3, 13),
      ),
      signIn: await recorded(
        { actor: ada, action: "auth.sign_in", target: { type: "user", id: ada.userId } },
        day(4),
      ),
      failed: await recorded(
        {
          actor: { kind: "anonymous" },
          actorLabel: "mallory@example.test",
          action: "auth.sign_in_failed",
          target: { type: "user", id: null },
          outcome: "failure",
        },
        day(5),
      ),
    };
    return { ada, ids };
  }

  test("actor, actor_label, action (exact or prefix), target, outcome", async () => {
    const { ada, ids: id } = await mixedEvents();
    expect(ids(await list({ actor: `user:${ada.userId}` }))).toEqual([id.signIn, id.update, id.create]);
    expect(ids(await list({ actor: "master_key" }))).toEqual([id.lookalike, id.key]);
    expect(ids(await list({ actor: "user:" }))).toEqual([]);
    expect(ids(await list({ actor_label: "ada@example.TEST" }))).toEqual([id.signIn, id.update, id.create]);
    // Matched as text, not as a LIKE pattern.
    expect(ids(await list({ actor_label: "%" }))).toEqual([]);
    expect(ids(await list({ actor_label: "ada@example_test" }))).toEqual([]);
    expect(ids(await list({ action: "assistant.update" }))).toEqual([id.update]);
    expect(ids(await list({ action: "assistant.*" }))).toEqual([id.update, id.create]);
    expect(ids(await list({ action: "api_key.*" }))).toEqual([id.key]);
    expect(ids(await list({ action: "auth.sign_in*" }))).toEqual([id.failed, id.signIn]);
    expect(ids(await list({ action: "auth.sign_in" }))).toEqual([id.signIn]);
    expect((await list({ action: "*" })).total).toBe(6);
    expect(ids(await list({ target_type: "assistant" }))).toEqual([id.update, id.create]);
    expect(ids(await list({ target_type: "assistant", target_id: "support" }))).toEqual([id.create]);
    expect(ids(await list({ target_id: "key_1" }))).toEqual([id.key]);
    const failures = await list({ outcome: "failure" });
    expect(ids(failures)).toEqual([id.failed]);
    expect(failures.data[0]).toMatchObject({ actor: "anonymous", actor_label: "mallory@example.test" });
    expect((await list({ outcome: "success" })).total).toBe(5);
  });

  test("created_after is inclusive, created_before exclusive, and they combine with the others", async () => {
    const { ids: id } = await mixedEvents();
    expect(ids(await list({ created_after: "2026-05-04" }))).toEqual([id.failed, id.signIn]);
    expect(ids(await list({ created_after: "2026-05-04T12:00:00Z" }))).toEqual([id.failed, id.signIn]);
    expect(ids(await list({ created_before: "2026-05-02T12:00:00Z" }))).toEqual([id.create]);
    expect(
      ids(await list({ created_after: "2026-05-01T14:00:00+02:00", created_before: "2026-05-03" })),
    ).toEqual([id.update, id.create]);
    expect(ids(await list({ created_after: "2026-05-02", action: "assistant.*" }))).toEqual([id.update]);
    expect(await list({ created_after: "2026-06-01" })).toMatchObject({
      data: [],
      total: 0,
      next_cursor: null,
    });
  });

  test("bad filters are refused by the schema, naming the field", () => {
    const issues = (query: Record<string, unknown>) =>
      listAuditEventsQuerySchema.safeParse(query).error?.issues.map((issue) => issue.path.join("."));
    expect(issues({ action: "assistant.*.update" })).toEqual(["action"]);
    expect(issues({ action: "Assistant.create" })).toEqual(["action"]);
    expect(issues({ action: "assistant.%" })).toEqual(["action"]);
    expect(issues({ outcome: "maybe" })).toEqual(["outcome"]);
    expect(issues({ limit: "0" })).toEqual(["limit"]);
    expect(issues({ limit: "201" })).toEqual(["limit"]);
    expect(issues({ created_after: "yesterday" })).toEqual(["created_after"]);
    expect(issues({ created_after: "2026-05-02", created_before: "2026-05-01" })).toEqual(["created_before"]);
    expect(issues({ actor: "x".repeat(201) })).toEqual(["actor"]);
    expect(issues({ bogus: "1" })).toEqual([""]);
    expect(listAuditEventsQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(listAuditEventsQuerySchema.parse({ limit: "200" }).limit).toBe(200);
  });
});

describe("pages", () => {
  test("newest first, ties by id, with no repeat or gap across pages", async () => {
    // Five events at the very same instant, two later: the order must not depend on the database's whim.
    const same = day(1);
    const tied = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => recorded({ action: "assistant.update", changes: { n } }, same)),
    );
    const later = [
      await recorded({ action: "assistant.delete" }, day(2)),
      await recorded({ action: "user.delete" }, day(3)),
    ];
    const expected = [...later.reverse(), ...[...tied].sort().reverse()];

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(7);
      seen.push(...ids(page));
      cursor = page.next_cursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(expected);
    expect(ids(await list({ limit: 200 }))).toEqual(expected);
  });

  test("the default page is 50 events", async () => {
    await getDb().auditEvent.createMany({
      data: Array.from({ length: 51 }, (_, n) => ({
        id: `aud_${String(n).padStart(3, "0")}`,
        actor: "master_key",
        action: "assistant.update",
        targetType: "assistant",
      })),
    });
    const page = await list();
    expect(page.data).toHaveLength(50);
    expect(page).toMatchObject({ total: 51, next_cursor: expect.any(String) as string });
  });

  test("a cursor that matches nothing is INVALID_INPUT", async () => {
    const error = await rejectionOf<AppError>(list({ cursor: "aud_missing" }));
    expect(error.code).toBe("INVALID_INPUT");
  });
});

describe("who may read it", () => {
  test.each([
    ["an operator", () => createUserActor("operator")],
    ["a viewer", () => createUserActor("viewer")],
  ])("%s is FORBIDDEN from the list and the export", async (_case, makeActor) => {
    const actor = await makeActor();
    expect((await rejectionOf<AppError>(list({}, actor))).code).toBe("FORBIDDEN");
    expect(() => exportAuditEvents(actor, { format: "csv" })).toThrow(/not allowed to audit read/);
  });

  test("anonymous is UNAUTHORIZED", async () => {
    expect((await rejectionOf<AppError>(list({}, { kind: "anonymous" }))).code).toBe("UNAUTHORIZED");
  });
});

describe("export", () => {
  async function read(chunks: AsyncIterable<string>): Promise<string> {
    let text = "";
    for await (const chunk of chunks) text += chunk;
    return text;
  }

  test("CSV: a header, one row per matching event, changes as JSON, formulas neutralized", async () => {
    await recorded(
      {
        actor: { kind: "anonymous" },
        actorLabel: '=HYPERLINK("http://evil.example")',
        action: "auth.sign_in_failed",
        target: { type: "user", id: null },
        outcome: "failure",
      },
      day(2),
    );
    await recorded(
      {
        action: "backend.update",
        target: { type: "backend", id: "gpu" },
        changes: { after: { api_key: "sk-x" } },
      },
      day(1),
    );
    const file = exportAuditEvents(master, { format: "csv" }, new Date("2026-05-03T10:11:12.345Z"));
    expect(file).toMatchObject({
      contentType: "text/csv; charset=utf-8",
      filename: "audit-20260503T101112Z.csv",
    });
    const rows = parse<Record<string, string>>(await read(file.chunks), { columns: true });
    expect(rows.map((row) => row.action)).toEqual(["auth.sign_in_failed", "backend.update"]);
    expect(rows[0]).toMatchObject({
      actor: "anonymous",
      actor_label: '\'=HYPERLINK("http://evil.example")',
      outcome: "failure",
      target_id: "",
      client_address: "203.0.113.7",
    });
    expect(JSON.parse(rows[1]!.changes!)).toEqual({ after: { api_key: "[redacted]" } });

    const filtered = exportAuditEvents(master, { format: "csv", action: "backend.*" });
    expect(parse<unknown>(await read(filtered.chunks), { columns: true }).length).toBe(1);
    const empty = exportAuditEvents(master, { format: "csv", action: "nothing.*" });
    expect((await read(empty.chunks)).trim()).toBe(
      "id,created_at,actor,actor_label,action,target_type,target_id,outcome,client_address,request_id,changes",
    );
  });

  test("walks every event across batches, even when many share one instant", async () => {
    const at = day(1);
    await getDb().auditEvent.createMany({
      data: Array.from({ length: 1_203 }, (_, n) => ({
        id: `aud_${String(n).padStart(5, "0")}`,
        createdAt: n < 1_100 ? at : day(2),
        actor: "master_key",
        action: "assistant.update",
        targetType: "assistant",
      })),
    });
    const file = exportAuditEvents(master, { format: "json" });
    expect(file.contentType).toBe("application/json");
    const events = JSON.parse(await read(file.chunks)) as { id: string; object: string }[];
    expect(events).toHaveLength(1_203);
    expect(new Set(events.map((event) => event.id)).size).toBe(1_203);
    expect(events[0]).toMatchObject({ id: "aud_01202", object: "audit_event" });
    expect(events.at(-1)?.id).toBe("aud_00000");
    expect(
      JSON.parse(await read(exportAuditEvents(master, { format: "json", action: "x.*" }).chunks)),
    ).toEqual([]);
  });
});

describe("retention", () => {
  // The real time: events recorded by the services called here (settings.update) are recent.
  const now = new Date();
  const daysAgo = (days: number, extraMs = 0) => new Date(now.getTime() - days * 86_400_000 - extraMs);

  test("by default keeps 365 days: only older events go, and a second run deletes nothing", async () => {
    const kept = [
      await recorded({ action: "assistant.create" }, daysAgo(1)),
      await recorded({ action: "assistant.update" }, daysAgo(365, -1000)),
    ];
    await recorded({ action: "assistant.delete" }, daysAgo(365, 1000));
    await recorded({ action: "user.delete" }, daysAgo(900));
    expect(await pruneAuditEvents(now)).toBe(2);
    expect((await getDb().auditEvent.findMany({ select: { id: true } })).map((row) => row.id).sort()).toEqual(
      [...kept].sort(),
    );
    expect(await pruneAuditEvents(now)).toBe(0);
  });

  test("follows the setting, and deletes in batches past the first thousand", async () => {
    const admin = await createUserActor("admin");
    await updateInstanceSettings(admin, { audit_retention_days: 7 });
    await getDb().auditEvent.createMany({
      data: Array.from({ length: 1_500 }, (_, n) => ({
        id: `aud_old_${n}`,
        createdAt: daysAgo(8),
        actor: "master_key",
        action: "assistant.update",
        targetType: "assistant",
      })),
    });
    const recent = await recorded({ action: "assistant.create" }, daysAgo(6));
    expect(await pruneAuditEvents(now)).toBe(1_500);
    const left = (await getDb().auditEvent.findMany({ select: { id: true } })).map((row) => row.id);
    expect(left).toContain(recent);
    expect(left.filter((id) => id.startsWith("aud_old_"))).toEqual([]);
  });

  // Last in the file: the timer it starts stays for the worker's life (unref'd, hourly).
  test("the start-up job prunes at once, and starting it again starts no second timer", async () => {
    await recorded({ action: "assistant.delete" }, daysAgo(400));
    const kept = await recorded({ action: "assistant.create" }, daysAgo(1));
    const intervals = vi.spyOn(globalThis, "setInterval");
    try {
      startAuditRetention();
      startAuditRetention();
      expect(intervals.mock.calls.map(([, ms]) => ms)).toEqual([3_600_000]);
    } finally {
      intervals.mockRestore();
    }
    await expect
      .poll(async () => (await getDb().auditEvent.findMany({ select: { id: true } })).map((row) => row.id), {
        timeout: 5_000,
      })
      .toEqual([kept]);
  });
});
