import { describe, expect, test } from "vitest";
import { NO_VALUE } from "../dashboard/format-metrics";
import { assistantTelemetry, telemetryAt } from "../dashboard/telemetry-fixture";
import { trafficSummary } from "./traffic-summary";

const at = "2026-05-01T08:00:00.000Z";

describe("trafficSummary", () => {
  test("requests and failures add up over every assistant; the p95 is the slowest assistant's", () => {
    const summary = trafficSummary(
      telemetryAt(at, [
        assistantTelemetry("fast", { "15m": { requests: 30, failed: 0, response_ms: { p95: 400 } } }),
        assistantTelemetry("slow", { "15m": { requests: 10, failed: 4, response_ms: { p95: 2500 } } }),
        // Traffic only outside the window does not count.
        assistantTelemetry("earlier", { "1h": { requests: 99, failed: 99, response_ms: { p95: 9000 } } }),
      ]),
    );
    expect(summary.requests).toBe("40");
    expect(summary.errorRate).toMatch(/^10\s?%$/u);
    expect(summary.p95).toMatch(/^2[.,]5 s$/);
    expect(summary.slowest).toBe("Assistant slow");
  });

  test("without traffic there is no rate and no p95, rather than zeros", () => {
    expect(trafficSummary(telemetryAt(at, [assistantTelemetry("idle")]))).toEqual({
      requests: "0",
      errorRate: NO_VALUE,
      p95: NO_VALUE,
      slowest: undefined,
    });
  });
});
