// GET /metrics: Prometheus text that a scraper can read, counting the answers and requests the
// server has just served, under route templates and assistant ids.
import { bearer, expect, expectApiError, test } from "../fixtures";
import { createAssistant } from "../support/runtime-api";

test("metrics count an answer and its request, in Prometheus' text format", async ({
  api,
  request,
  uniqueId,
}) => {
  const assistant = await createAssistant(api, uniqueId("metrics"));
  const asked = await api.post(`/assistants/${assistant}/ask`, { data: { message: "Hello there" } });
  expect(asked.status(), await asked.text()).toBe(200);

  const response = await request.get("/metrics");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(response.headers()["x-request-id"]).toBeTruthy();
  const text = await response.text();
  expect(text).toMatch(/^# HELP /m);
  expect(text).toContain(
    `hearth_chat_exchanges_total{assistant="${assistant}",outcome="completed",error_code=""} 1`,
  );
  expect(text).toContain(`hearth_rag_decisions_total{assistant="${assistant}",decision="forwarded"} 1`);
  expect(text).toMatch(
    /hearth_http_requests_total\{route="\/assistants\/\{assistant_id\}\/ask",method="POST",status="200"\} \d+/,
  );
  expect(text).toMatch(
    new RegExp(`hearth_chat_time_to_first_token_seconds_count\\{assistant="${assistant}",model="[^"]+"\\} 1`),
  );
  expect(text).not.toContain(`/assistants/${assistant}/ask`);
});

test("telemetry reports an assistant's answers over rolling windows, to admin callers only", async ({
  api,
  request,
  runtimeKey,
  uniqueId,
}) => {
  const assistant = await createAssistant(api, uniqueId("telemetry"));
  for (let i = 0; i < 2; i++) {
    expect(
      (await api.post(`/assistants/${assistant}/ask`, { data: { message: `Question ${i}` } })).status(),
    ).toBe(200);
  }
  const response = await api.get("/telemetry");
  expect(response.status(), await response.text()).toBe(200);
  const telemetry = (await response.json()) as {
    object: string;
    assistants: {
      assistant_id: string;
      windows: Record<string, { requests: number; completed: number; sla_compliance: number | null }>;
    }[];
    backends: { name: string; in_flight: number }[];
  };
  expect(telemetry.object).toBe("telemetry");
  const mine = telemetry.assistants.find((item) => item.assistant_id === assistant)!;
  for (const window of ["1m", "15m", "1h"]) {
    expect(mine.windows[window]).toMatchObject({ requests: 2, completed: 2, sla_compliance: 1 });
  }
  expect(telemetry.backends.map((backend) => backend.name)).toContain("env-llm");

  await expectApiError(await request.get("/telemetry"), 401, "UNAUTHORIZED");
  await expectApiError(
    await request.get("/telemetry", { headers: bearer(runtimeKey.key) }),
    403,
    "FORBIDDEN",
  );
});
