// GET /admin/usage and its export against the real server and database: questions asked through
// the REST API with a runtime key are accounted to the assistant, the key and the end user as
// they are answered; groups, filters and the CSV agree; bad input and wrong callers get the
// documented errors.
import { bearer, expect, expectApiError, test } from "../fixtures";
import { createAssistant, createRuntimeKey } from "../support/runtime-api";

interface Figures {
  requests: number;
  completed: number;
  failed: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  gpu_seconds: number;
  cost: number;
}
interface Report {
  object: string;
  granularity: string;
  group_by: string;
  totals: Figures;
  rows: Array<Figures & { key: string; label: string; assistant_id: string | null }>;
  series: Array<Figures & { bucket: string }>;
}

test("answers are accounted per assistant, key and end user, and exported", async ({
  api,
  request,
  uniqueId,
}) => {
  const assistant = await createAssistant(api, uniqueId("usage"));
  const key = await createRuntimeKey(api, [assistant]);
  for (const user of ["alice", "alice", "bob"]) {
    const response = await request.post(`/assistants/${assistant}/ask`, {
      headers: bearer(key),
      data: { message: "How long is the warranty?", user },
    });
    expect(response.status(), await response.text()).toBe(200);
  }
  const usage = async (params: Record<string, string>) => {
    const response = await api.get("/admin/usage", { params: { assistant_id: assistant, ...params } });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as Report;
  };

  const byKey = await usage({ group_by: "key" });
  expect(byKey).toMatchObject({ object: "usage.report", group_by: "key", granularity: "hour" });
  expect(byKey.totals).toMatchObject({ requests: 3, completed: 3, failed: 0 });
  expect(byKey.totals.total_tokens).toBe(byKey.totals.prompt_tokens + byKey.totals.completion_tokens);
  expect(byKey.rows).toHaveLength(1);
  expect(byKey.rows[0]!.label).toContain(`runtime-${assistant}`);
  expect(byKey.series.reduce((sum, bucket) => sum + bucket.requests, 0)).toBe(3);

  const byUser = await usage({ group_by: "user" });
  expect(byUser.rows.map((row) => [row.label, row.assistant_id, row.requests])).toEqual([
    ["alice", assistant, 2],
    ["bob", assistant, 1],
  ]);
  expect((await usage({ user: "bob" })).totals.requests).toBe(1);
  expect((await usage({ api_key_id: "none" })).totals.requests).toBe(0);

  const lastHour = await usage({ from: new Date(Date.now() - 3_600_000).toISOString() });
  expect(lastHour.granularity).toBe("minute");
  expect(lastHour.totals.requests).toBe(3);

  const csv = await api.get("/admin/usage/export", { params: { assistant_id: assistant, group_by: "user" } });
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="usage-by-user-.*\.csv"/);
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toMatch(/^user,label,assistant_id,requests,/);
  expect(lines.slice(1).map((line) => line.split(",").slice(1, 4))).toEqual([
    ["alice", assistant, "2"],
    ["bob", assistant, "1"],
  ]);
  const json = await api.get("/admin/usage/export", { params: { assistant_id: assistant, format: "json" } });
  expect(json.headers()["content-type"]).toContain("application/json");
  expect(((await json.json()) as Report).totals.requests).toBe(3);
});

test("bad input is INVALID_INPUT naming the field; callers are checked", async ({
  api,
  request,
  uniqueId,
}) => {
  const bad = async (params: Record<string, string>) =>
    expectApiError(await api.get("/admin/usage", { params }), 400, "INVALID_INPUT");
  expect(JSON.stringify((await bad({ group_by: "planet" })).error)).toContain("group_by");
  expect(JSON.stringify((await bad({ from: "2026-05-02", to: "2026-05-01" })).error)).toContain("to");
  await bad({ from: "2020-01-01", to: "2026-01-01" });
  await bad({ from: "yesterday" });
  await bad({ channel: "fax" });
  await bad({ surprise: "1" });
  await bad({ group_by: "hour", from: new Date(Date.now() - 200 * 86_400_000).toISOString() });
  await expectApiError(
    await api.get("/admin/usage/export", { params: { format: "xlsx" } }),
    400,
    "INVALID_INPUT",
  );

  await expectApiError(await request.get("/admin/usage"), 401, "UNAUTHORIZED");
  const mine = await createAssistant(api, uniqueId("usage"));
  const scoped = await createRuntimeKey(api, [mine]);
  await expectApiError(await request.get("/admin/usage", { headers: bearer(scoped) }), 403, "FORBIDDEN");
  await expectApiError(
    await request.get("/admin/usage/export", { headers: bearer(scoped) }),
    403,
    "FORBIDDEN",
  );
});
