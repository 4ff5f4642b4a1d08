// The Prometheus metrics: what an answer, a REST request and the knowledge decision record, in
// the text format Prometheus scrapes, and the optional bearer token of GET /metrics.
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, test } from "vitest";
import * as askRoute from "@/app/assistants/[assistant_id]/ask/route";
import * as metricsRoute from "@/app/metrics/route";
import type { AppError } from "@/server/errors";
import { bearer, master } from "@/server/test/actors";
import { createChatAssistant, registerSimulatorBackend, simulatorForFile } from "@/server/test/chat";
import { rejectionOf } from "@/server/test/rejection";
import { callRoute } from "@/server/test/rest";
import { TEST_MASTER_KEY } from "@/server/test/test-env";
import { askAssistant } from "../runtime/ask-assistant";
import { readMetrics } from "./read-metrics";

const simulator = simulatorForFile();

/** The value of one sample line, e.g. `hearth_chat_exchanges_total{assistant="a",...}`. */
function sampleLine(text: string, name: string, labels: Record<string, string>): number | null {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((pair) => line.includes(pair))) return Number(line.split(" ").at(-1));
  }
  return null;
}

/**
 * One sample's value. The whole exposition goes through a Prometheus text-format parser first, so
 * a malformed one fails the test; counters and gauges are read from the parsed families. The
 * parser keeps no labels on histogram series, so a histogram's `_count` is read from its line.
 */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  const families = parsePrometheusTextFormat(text);
  expect(families.length).toBeGreaterThan(0);
  const family = families.find((candidate) => candidate.name === name);
  if (!family) return sampleLine(text, name, labels);
  const match = family.metrics.find((metric) =>
    Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value),
  );
  return match ? Number(match.value) : null;
}

describe("metrics", () => {
  test("an answer counts its outcome, RAG decision, time to first token, tokens and backend", async () => {
    await registerSimulatorBackend(simulator(), { name: "metrics-sim" });
    await createChatAssistant("metered");
    const before = (await readMetrics(null, undefined)).body;
    const previous =
      sample(before, "hearth_chat_exchanges_total", { assistant: "metered", outcome: "completed" }) ?? 0;

    await askAssistant(
      master,
      "metered",
      { message: "Hello", reasoning: false },
      new AbortController().signal,
    );
    const { body, contentType } = await readMetrics(null, undefined);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(body, "hearth_chat_exchanges_total", { assistant: "metered", outcome: "completed" })).toBe(
      previous + 1,
    );
    expect(
      sample(body, "hearth_rag_decisions_total", { assistant: "metered", decision: "forwarded" }),
    ).toBeGreaterThan(0);
    expect(
      sample(body, "hearth_chat_time_to_first_token_seconds_count", { assistant: "metered" }),
    ).toBeGreaterThan(0);
    expect(sample(body, "hearth_chat_output_tokens_total", { assistant: "metered" })).toBeGreaterThan(0);
    expect(sample(body, "hearth_backend_outstanding_requests", { backend: "metrics-sim" })).toBe(0);
    expect(sample(body, "hearth_backend_capacity", { backend: "metrics-sim" })).toBe(16);
    expect(sample(body, "hearth_backend_state", { backend: "metrics-sim", state: "healthy" })).toBe(1);
    expect(sample(body, "hearth_backend_state", { backend: "metrics-sim", state: "down" })).toBe(0);
    expect(body).toContain("hearth_process_resident_memory_bytes");
    expect(body).toContain("hearth_nodejs_eventloop_lag_seconds");
  });

  test("REST requests are counted by route template and status, never by raw path", async () => {
    await createChatAssistant("routed");
    await callRoute(askRoute.POST, {
      path: "/assistants/routed/ask",
      params: { assistant_id: "routed" },
      headers: bearer(TEST_MASTER_KEY),
      body: { message: "" },
    });
    const response = await metricsRoute.GET(new Request("http://localhost/metrics"), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const text = await response.text();
    expect(
      sample(text, "hearth_http_requests_total", {
        route: "/assistants/{assistant_id}/ask",
        method: "POST",
        status: "400",
      }),
    ).toBeGreaterThan(0);
    expect(text).not.toContain('route="/assistants/routed/ask"');
  });

  test("with a token configured, only its bearer may read them", async () => {
    const token = "metrics-token-0123456789";
    expect((await rejectionOf<AppError>(readMetrics(null, token))).code).toBe("UNAUTHORIZED");
    expect((await rejectionOf<AppError>(readMetrics("Bearer wrong-token-000000000", token))).code).toBe(
      "UNAUTHORIZED",
    );
    expect((await readMetrics(`Bearer ${token}`, token)).body).toContain("hearth_http_requests_total");
  });
});
