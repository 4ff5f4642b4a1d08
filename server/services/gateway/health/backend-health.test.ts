// The health rules: hysteresis on ejection and readmission, the signals that mark a backend
// degraded, draining, and a 429's Retry-After.
import { describe, expect, test } from "vitest";
import { BackendHealth, defaultHealthPolicy, type BackendState } from "./backend-health";

const up = { ok: true as const, latencyMs: 3, load: null };
const refused = { ok: false as const, latencyMs: 1, reason: "connection refused" };

function tracked(policy = defaultHealthPolicy) {
  const changes: BackendState[] = [];
  const health = new BackendHealth(policy, 0, (state) => changes.push(state));
  return { health, changes };
}

describe("backend health", () => {
  test("three failed probes eject; two passing probes readmit; one failure only degrades", () => {
    const { health, changes } = tracked();
    health.recordProbe(up, 1);
    expect(health.current).toBe("healthy");
    health.recordProbe(refused, 2);
    expect(health.current).toBe("degraded");
    expect(health.snapshot(2).reason).toContain("1 of 3 failures before ejection");
    health.recordProbe(refused, 3);
    expect(health.current).toBe("degraded");
    health.recordProbe(refused, 4);
    expect(health.current).toBe("down");
    expect(health.snapshot(4)).toMatchObject({ since: 4, consecutiveFailures: 3 });
    expect(health.acceptsRequests(4)).toBe(false);

    health.recordProbe(up, 5);
    expect(health.current).toBe("down");
    expect(health.snapshot(5).reason).toBe("recovering: 1 of 2 probes passed");
    health.recordProbe(refused, 6);
    health.recordProbe(up, 7);
    expect(health.current).toBe("down");
    health.recordProbe(up, 8);
    expect(health.current).toBe("healthy");
    expect(health.snapshot(8).reason).toBe("readmitted: probes pass again");
    expect(changes).toEqual(["degraded", "down", "healthy"]);
  });

  test("hard request failures eject too; a 4xx the request caused counts for nothing", () => {
    const { health } = tracked();
    for (let i = 0; i < 5; i += 1) health.recordRequest({ ok: false, hard: false, reason: "400" }, i);
    expect(health.snapshot(5).consecutiveFailures).toBe(0);
    for (let i = 0; i < 3; i += 1) health.recordRequest({ ok: false, hard: true, reason: "502" }, 10 + i);
    expect(health.current).toBe("down");
    // Served requests do not readmit a down backend; only probes do.
    health.recordRequest({ ok: true, ttftMs: 10 }, 20);
    expect(health.current).toBe("down");
  });

  test("an error rate over the window degrades; it clears as the window moves on", () => {
    const { health } = tracked();
    const at = 1_000;
    for (let i = 0; i < 6; i += 1) health.recordRequest({ ok: true, ttftMs: 100 }, at + i);
    for (let i = 0; i < 2; i += 1)
      health.recordRequest({ ok: false, hard: false, reason: "bad" }, at + 10 + i);
    expect(health.current).toBe("degraded");
    expect(health.snapshot(at + 20).reason).toBe("25% of the last 8 requests failed");
    health.recordRequest({ ok: true, ttftMs: 100 }, at + 61_000);
    expect(health.current).toBe("healthy");
  });

  test("a nearly full KV cache and first tokens far slower than usual degrade", () => {
    const { health } = tracked();
    health.recordProbe({ ok: true, latencyMs: 1, load: { running: 8, waiting: 4, kvCacheUsage: 0.97 } }, 1);
    expect(health.current).toBe("degraded");
    expect(health.snapshot(1).reason).toBe("KV cache 97% full");
    health.recordProbe({ ok: true, latencyMs: 1, load: { running: 2, waiting: 0, kvCacheUsage: 0.4 } }, 2);
    expect(health.current).toBe("healthy");

    for (let i = 0; i < 30; i += 1) health.recordRequest({ ok: true, ttftMs: 200 }, 10 + i);
    expect(health.current).toBe("healthy");
    for (let i = 0; i < 6; i += 1) health.recordRequest({ ok: true, ttftMs: 5_000 }, 50 + i);
    expect(health.current).toBe("degraded");
    expect(health.snapshot(60).reason).toMatch(/^first token after \d+\.\d s, \d+\.\dx its usual/);
  });

  test("draining takes no new requests until it is lifted; a down backend shows down", () => {
    const { health } = tracked();
    health.setDraining(true, 1);
    expect(health.current).toBe("draining");
    expect(health.acceptsRequests(1)).toBe(false);
    for (let i = 0; i < 3; i += 1) health.recordProbe(refused, 2 + i);
    expect(health.current).toBe("down");
    health.recordProbe(up, 10);
    health.recordProbe(up, 11);
    expect(health.current).toBe("draining");
    health.setDraining(false, 12);
    expect(health.current).toBe("healthy");
  });

  test("after a 429 no request goes there until Retry-After has passed", () => {
    const { health } = tracked();
    health.recordRateLimited(2_000, 100);
    expect(health.acceptsRequests(1_000)).toBe(false);
    expect(health.rateLimitedFor(1_000)).toBe(1_100);
    expect(health.snapshot(1_000).rateLimitedUntil).toBe(2_100);
    expect(health.acceptsRequests(2_100)).toBe(true);
    expect(health.current).toBe("healthy");
  });
});
