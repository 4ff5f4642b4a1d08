// GET /admin/audit and its export through their route handlers, with the credentials a client
// sends: admin keys and the master key read the log, runtime keys are refused (403) and callers
// without credentials too (401) before their query is looked at; bad filters are 400s.
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, test } from "vitest";
import * as exportRoute from "@/app/admin/audit/export/route";
import * as auditRoute from "@/app/admin/audit/route";
import { auditEventListSchema } from "@/server/schemas/audit";
import { recordAudit } from "@/server/services/audit/record-audit";
import { bearer, createKeyActor, master } from "@/server/test/actors";
import { callRoute } from "@/server/test/rest";
import { TEST_MASTER_KEY } from "@/server/test/test-env";

let admin: Record<string, string>;
let runtime: Record<string, string>;

beforeEach(async () => {
  admin = bearer((await createKeyActor("admin")).secret);
  runtime = bearer((await createKeyActor("runtime")).secret);
  await recordAudit({
    actor: { ...master, via: { clientAddress: "198.51.100.4", requestId: "req-audit-test" } },
    action: "backend.update",
    target: { type: "backend", id: "gpu-1" },
    changes: { before: { api_key: "sk-old" }, after: { api_key: "sk-secret", max_concurrency: 8 } },
  });
});

async function download(query: string, headers: Record<string, string>) {
  const response = await exportRoute.GET(
    new Request(`http://localhost/admin/audit/export${query}`, { headers }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("GET /admin/audit", () => {
  test.each([
    ["an admin API key", () => admin],
    ["the master key", () => bearer(TEST_MASTER_KEY)],
  ])("%s reads the log, secrets redacted", async (_case, headers) => {
    const response = await callRoute(auditRoute.GET, {
      path: "/admin/audit?target_type=backend",
      headers: headers(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const page = auditEventListSchema.parse(response.json);
    expect(page).toMatchObject({ object: "list", total: 1, next_cursor: null });
    expect(page.data[0]).toMatchObject({
      object: "audit_event",
      actor: "master_key",
      action: "backend.update",
      target_id: "gpu-1",
      client_address: "198.51.100.4",
      request_id: "req-audit-test",
      changes: { before: { api_key: "[redacted]" }, after: { api_key: "[redacted]", max_concurrency: 8 } },
    });
    expect(response.text).not.toContain("sk-secret");
  });

  test("a runtime key is FORBIDDEN, and no credentials UNAUTHORIZED before the query is checked", async () => {
    const refused = await callRoute(auditRoute.GET, { path: "/admin/audit", headers: runtime });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("FORBIDDEN");
    expect(refused.text).not.toContain("backend.update");
    const anonymous = await callRoute(auditRoute.GET, { path: "/admin/audit?limit=0" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe("UNAUTHORIZED");
  });

  test("bad filters are 400 INVALID_INPUT naming the field", async () => {
    for (const [query, field] of [
      ["limit=500", "limit"],
      ["action=assistant.*.x", "action"],
      ["outcome=maybe", "outcome"],
      ["created_after=yesterday", "created_after"],
      ["created_after=2026-05-02&created_before=2026-05-01", "created_before"],
    ] as const) {
      const response = await callRoute(auditRoute.GET, { path: `/admin/audit?${query}`, headers: admin });
      expect(response.status, query).toBe(400);
      expect(response.json.error.code).toBe("INVALID_INPUT");
      expect(response.json.error.details?.map((detail) => detail.path)).toEqual([`query.${field}`]);
    }
    const unknown = await callRoute(auditRoute.GET, { path: "/admin/audit?bogus=1", headers: admin });
    expect(unknown.status).toBe(400);
    const cursor = await callRoute(auditRoute.GET, { path: "/admin/audit?cursor=aud_gone", headers: admin });
    expect(cursor.status).toBe(400);
    expect(cursor.json.error.message).toMatch(/cursor/);
  });
});

describe("GET /admin/audit/export", () => {
  test("CSV by default, as an attachment, with the list's filters", async () => {
    const file = await download("?action=backend.*", admin);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(
      /^attachment; filename="audit-\d{8}T\d{6}Z\.csv"$/,
    );
    expect(file.headers.get("cache-control")).toBe("no-store");
    expect(file.headers.get("x-request-id")).toBeTruthy();
    const rows = parse<Record<string, string>>(file.text, { columns: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "backend.update", target_id: "gpu-1" });
    expect(file.text).not.toContain("sk-secret");

    const json = await download("?format=json&target_id=gpu-1", bearer(TEST_MASTER_KEY));
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(json.text)).toEqual([expect.objectContaining({ action: "backend.update" })]);
  });

  test("refusals are JSON errors, with no file", async () => {
    const forbidden = await download("", runtime);
    expect(forbidden.status).toBe(403);
    expect(JSON.parse(forbidden.text)).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect((await download("", {})).status).toBe(401);
    const bad = await download("?format=xlsx", admin);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { code: "INVALID_INPUT" } });
  });
});
