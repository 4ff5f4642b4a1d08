// GET /admin/telemetry/series against the real server and database: answers made through the
// REST API, one of them failed by the model server, are in the current bucket of every range for
// their assistant and their backend, with percentiles and SLA compliance; `since` answers the
// newest bucket; bad input and wrong callers get the documented errors.
import { bearer, expect, expectApiError, test } from "../fixtures";
import { createAssistant } from "../support/runtime-api";

interface Bucket {
  start: string;
  requests: number;
  completed: number;
  failed: number;
  cancelled: number;
  prompt_tokens: number;
  completion_tokens: number;
  error_rate: number | null;
  response_ms: { p50: number | null; p95: number | null };
  ttft_ms: { p50: number | null; p95: number | null };
  sla: { answers: number; within: number; compliance: number | null; controlled: number };
}
interface Series {
  object: string;
  range: string;
  bucket_seconds: number;
  from: string;
  to: string;
  assistant_id: string | null;
  backend_id: string | null;
  sla_avg_ms: number | null;
  buckets: Bucket[];
}

const BUCKET_FIELDS = [
  "cancelled",
  "completed",
  "completion_tokens",
  "error_rate",
  "failed",
  "prompt_tokens",
  "requests",
  "response_ms",
  "sla",
  "start",
  "ttft_ms",
];

const sum = (series: Series, pick: (bucket: Bucket) => number) =>
  series.buckets.reduce((total, bucket) => total + pick(bucket), 0);

test("an assistant's answers are in its series and its backend's, over every range", async ({
  api,
  llm,
  uniqueId,
}) => {
  const assistant = await createAssistant(api, uniqueId("series"), {
    model: llm.model,
    sla: { avg_ms: 60_000 },
  });
  for (const message of ["Hello", "Hello again"]) {
    const asked = await api.post(`/assistants/${assistant}/ask`, { data: { message } });
    expect(asked.status(), await asked.text()).toBe(200);
  }
  llm.sim.setFaults({ error: { status: 500, next: 1 } });
  expect((await api.post(`/assistants/${assistant}/ask`, { data: { message: "Fail" } })).status()).toBe(502);

  const read = async (params: Record<string, string>) => {
    const response = await api.get("/admin/telemetry/series", { params });
    expect(response.status(), await response.text()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    return (await response.json()) as Series;
  };
  const expected = [
    ["1h", 60, 60],
    ["24h", 96, 900],
    ["7d", 168, 3600],
    ["30d", 120, 21_600],
  ] as const;
  for (const [range, count, seconds] of expected) {
    const series = await read({ range, assistant_id: assistant });
    expect(series).toMatchObject({
      object: "telemetry.series",
      range,
      bucket_seconds: seconds,
      assistant_id: assistant,
      backend_id: null,
      sla_avg_ms: 60_000,
    });
    expect(series.buckets).toHaveLength(count);
    expect(Object.keys(series.buckets[0]!).sort()).toEqual(BUCKET_FIELDS);
    expect(sum(series, (bucket) => bucket.requests)).toBe(3);
    expect(sum(series, (bucket) => bucket.failed)).toBe(1);
    expect(sum(series, (bucket) => bucket.sla.within)).toBe(2);
    const answered = series.buckets.filter((bucket) => bucket.sla.answers > 0).at(-1)!;
    expect(answered.response_ms.p95).toBeGreaterThanOrEqual(answered.response_ms.p50!);
    expect(answered.ttft_ms.p50).toBeGreaterThan(0);
  }

  // The worker's simulator also served the worker's earlier tests: at least these three answers.
  const onBackend = await read({ range: "24h", backend_id: llm.backend.id });
  expect(onBackend).toMatchObject({ backend_id: llm.backend.id, sla_avg_ms: null });
  expect(sum(onBackend, (bucket) => bucket.requests)).toBeGreaterThanOrEqual(3);
  // Both filters: exactly this assistant's answers on it, the failed one included.
  const both = await read({ range: "24h", backend_id: llm.backend.id, assistant_id: assistant });
  expect(both).toMatchObject({ backend_id: llm.backend.id, assistant_id: assistant });
  expect(sum(both, (bucket) => bucket.requests)).toBe(3);
  expect(sum(both, (bucket) => bucket.failed)).toBe(1);

  const hour = await read({ range: "1h", assistant_id: assistant });
  const newest = await read({ range: "1h", assistant_id: assistant, since: hour.buckets.at(-1)!.start });
  expect(newest.buckets.map((bucket) => bucket.start)).toEqual([hour.buckets.at(-1)!.start]);
});

test("bad input is a 400, an unknown assistant a 404, and only admin callers may read", async ({
  api,
  request,
  runtimeKey,
}) => {
  const range = await expectApiError(
    await api.get("/admin/telemetry/series?range=90d"),
    400,
    "INVALID_INPUT",
  );
  expect(range.error.message).toBe("Invalid query.range: must be one of 1h, 24h, 7d, 30d");
  const since = await expectApiError(
    await api.get("/admin/telemetry/series?since=last-week"),
    400,
    "INVALID_INPUT",
  );
  expect(since.error.message).toContain("query.since");
  await expectApiError(await api.get("/admin/telemetry/series?assistant_id=no-such-one"), 404, "NOT_FOUND");
  await expectApiError(await request.get("/admin/telemetry/series"), 401, "UNAUTHORIZED");
  await expectApiError(
    await request.get("/admin/telemetry/series", { headers: bearer(runtimeKey.key) }),
    403,
    "FORBIDDEN",
  );
});
