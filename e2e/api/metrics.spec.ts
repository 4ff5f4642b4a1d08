// GET /metrics: Prometheus text that a scraper can read, counting the answers and requests the
// server has just served, under route templates and assistant ids.
import { expect, test } from "../fixtures";
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
