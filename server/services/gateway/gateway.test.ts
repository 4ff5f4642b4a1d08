// Admission control on the gateway alone (no HTTP): slots, the bounded queue and its deadline,
// 429s with Retry-After in milliseconds, cancellation, health gating, draining and fallbacks.
import { afterEach, describe, expect, test } from "vitest";
import type { Backend } from "../../db/client";
import type { AppError } from "../../errors";
import { rejectionOf } from "../../test/rejection";
import { Gateway, type AdmissionRequest, type GatewayOptions } from "./gateway";
import { defaultHealthPolicy } from "./health/backend-health";

function row(id: string, models: string[], maxConcurrency = 1, overrides: Partial<Backend> = {}): Backend {
  const now = new Date();
  return {
    id,
    name: id,
    kind: "openai_compatible",
    baseUrl: `http://${id}.invalid/v1`,
    modelPath: null,
    apiKeyEncrypted: null,
    apiKeyEnv: null,
    models,
    maxConcurrency,
    enabled: true,
    draining: false,
    probeGeneration: false,
    source: "admin",
    priceInputPerMillion: null,
    priceOutputPerMillion: null,
    pricePerGpuHour: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

const controllers: AbortController[] = [];
afterEach(() => controllers.splice(0).forEach((controller) => controller.abort()));

function request(models: string[] = ["m"], overrides: Partial<AdmissionRequest> = {}): AdmissionRequest {
  const controller = new AbortController();
  controllers.push(controller);
  return { models, sessionKey: null, signal: controller.signal, ...overrides };
}

function gateway(rows: Backend[], options: Partial<GatewayOptions> = {}) {
  const rejections: string[] = [];
  const instance = new Gateway({
    policy: defaultHealthPolicy,
    queueSize: 2,
    queueTimeoutMs: 200,
    affinity: true,
    onReject: (_model, reason) => rejections.push(reason),
    ...options,
  });
  instance.sync(rows);
  return { gateway: instance, rejections };
}

const refused = { ok: false as const, latencyMs: 1, reason: "connection refused" };
const up = { ok: true as const, latencyMs: 1, load: null };

describe("admission", () => {
  test("a free slot admits at once; a busy backend queues; a release hands the slot on (FIFO)", async () => {
    const { gateway: g } = gateway([row("a", ["m"], 1)]);
    const first = g.admit(request());
    expect(first.queued).toBe(false);
    const lease = await first.lease;
    expect(lease).toMatchObject({ model: "m", queueMs: 0, backend: { id: "a" } });

    const second = g.admit(request());
    const third = g.admit(request());
    expect([second.queued, third.queued]).toEqual([true, true]);
    expect(g.queueDepths()).toEqual({ m: 2 });
    lease.release({ ok: true, ttftMs: 5 });
    const next = await second.lease;
    expect(next.backend.id).toBe("a");
    expect(g.view("a")?.outstanding).toBe(1);
    expect(g.queueDepths()).toEqual({ m: 1 });
    next.release({ ok: true, ttftMs: 5 });
    (await third.lease).release({ ok: true, ttftMs: 5 });
    expect(g.view("a")?.outstanding).toBe(0);
  });

  test("a full queue is a 429 with Retry-After and RateLimit headers, thrown at once (no waiting)", async () => {
    const { gateway: g, rejections } = gateway([row("a", ["m"], 1)]);
    await g.admit(request()).lease;
    g.admit(request());
    g.admit(request());
    // admit() is synchronous: the refusal is thrown in the same call, with nothing awaited.
    let error: AppError | undefined;
    try {
      g.admit(request());
    } catch (caught) {
      error = caught as AppError;
    }
    expect(error?.code).toBe("RATE_LIMITED");
    expect(error?.status).toBe(429);
    const retryAfter = error?.rateLimit?.retryAfterSeconds;
    expect(Number.isInteger(retryAfter) && retryAfter! >= 1).toBe(true);
    expect(error?.rateLimit).toEqual({
      retryAfterSeconds: retryAfter,
      limit: 1,
      remaining: 0,
      resetSeconds: retryAfter,
    });
    expect(rejections).toEqual(["queue_full"]);
  });

  test("a request that waits past the queue deadline gets a 429 and leaves the queue", async () => {
    const { gateway: g, rejections } = gateway([row("a", ["m"], 1)], { queueTimeoutMs: 50 });
    await g.admit(request()).lease;
    const waiting = g.admit(request());
    const error = await rejectionOf<AppError>(waiting.lease);
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toContain("within");
    expect(g.queueDepths()).toEqual({});
    expect(rejections).toEqual(["queue_timeout"]);
  });

  test("a cancelled request frees its slot or its place at once", async () => {
    const { gateway: g } = gateway([row("a", ["m"], 1)]);
    const first = g.admit(request());
    await first.lease;
    const controller = new AbortController();
    const queued = g.admit(request(["m"], { signal: controller.signal }));
    controller.abort();
    await rejectionOf(queued.lease);
    expect(g.queueDepths()).toEqual({});
    first.cancel();
    expect(g.view("a")?.outstanding).toBe(0);
    expect(g.admit(request()).queued).toBe(false);
  });

  test("the less loaded backend takes the request; capacity bounds each", async () => {
    const { gateway: g } = gateway([row("a", ["m"], 2), row("b", ["m"], 2)]);
    const leases = await Promise.all([1, 2, 3, 4].map(() => g.admit(request()).lease));
    expect(leases.map((lease) => lease.backend.id).sort()).toEqual(["a", "a", "b", "b"]);
    expect(g.admit(request()).queued).toBe(true);
  });
});

describe("health gating", () => {
  test("a down backend gets nothing; when every backend is down it is a 503 at once", async () => {
    const { gateway: g, rejections } = gateway([row("a", ["m"], 4), row("b", ["m"], 4)]);
    for (let i = 0; i < 3; i += 1) g.recordProbe("a", refused);
    expect(g.view("a")?.health.state).toBe("down");
    for (let i = 0; i < 4; i += 1) expect((await g.admit(request()).lease).backend.id).toBe("b");

    for (let i = 0; i < 3; i += 1) g.recordProbe("b", refused);
    const error = (() => {
      try {
        g.admit(request());
      } catch (caught) {
        return caught as AppError;
      }
    })();
    expect(error?.code).toBe("NO_BACKEND");
    expect(error?.status).toBe(503);
    // Callers read Hearth's own message; which backends are down, and why, is for operators.
    expect(error?.message).toBe("No model is available to answer right now; try again shortly");
    expect(error?.detail).toContain("a is down");
    expect(rejections).toEqual(["no_backend"]);
  });

  test("requests waiting for a model whose last backend goes down get a 503", async () => {
    const { gateway: g } = gateway([row("a", ["m"], 1)]);
    await g.admit(request()).lease;
    const waiting = g.admit(request());
    for (let i = 0; i < 3; i += 1) g.recordProbe("a", refused);
    expect((await rejectionOf<AppError>(waiting.lease)).code).toBe("NO_BACKEND");
  });

  test("a readmitted backend takes queued requests", async () => {
    const { gateway: g } = gateway([row("a", ["m"], 1), row("b", ["m"], 1)], { queueTimeoutMs: 5_000 });
    for (let i = 0; i < 3; i += 1) g.recordProbe("b", refused);
    await g.admit(request()).lease;
    const waiting = g.admit(request());
    g.recordProbe("b", up);
    g.recordProbe("b", up);
    expect((await waiting.lease).backend.id).toBe("b");
  });

  test("draining: no new requests, running ones keep their slot; undrained, it serves again", async () => {
    const a = row("a", ["m"], 2);
    const { gateway: g } = gateway([a, row("b", ["m"], 2)]);
    const running = await g.admit(request(["m"], { exclude: new Set(["b"]) })).lease;
    g.sync([{ ...a, draining: true }, row("b", ["m"], 2)]);
    expect(g.view("a")?.health.state).toBe("draining");
    for (let i = 0; i < 2; i += 1) expect((await g.admit(request()).lease).backend.id).toBe("b");
    running.release({ ok: true, ttftMs: 1 });
    g.sync([a, row("b", ["m"], 2)]);
    expect(g.view("a")?.health.state).toBe("healthy");
  });

  test("after a 429 a backend is skipped until Retry-After; alone, callers get 429 with it", async () => {
    const { gateway: g, rejections } = gateway([row("a", ["m"], 2), row("b", ["m"], 2)]);
    const lease = await g.admit(request(["m"], { exclude: new Set(["b"]) })).lease;
    lease.release({ rateLimitedMs: 3_000 });
    expect(g.view("a")?.health.rateLimitedUntil).toBeGreaterThan(Date.now() + 2_000);
    expect((await g.admit(request()).lease).backend.id).toBe("b");

    const error = (() => {
      try {
        g.admit(request(["m"], { exclude: new Set(["b"]) }));
      } catch (caught) {
        return caught as AppError;
      }
    })();
    expect(error?.code).toBe("RATE_LIMITED");
    expect(error?.rateLimit?.retryAfterSeconds).toBeGreaterThanOrEqual(2);
    expect(rejections).toEqual(["rate_limited"]);
  });

  test("a fallback model serves when the assistant's own model has no healthy backend", async () => {
    const { gateway: g } = gateway([row("big", ["gpt-oss-120b"], 1), row("small", ["gpt-oss-20b"], 1)]);
    expect(g.admit(request(["gpt-oss-120b", "gpt-oss-20b"])).model).toBe("gpt-oss-120b");
    for (let i = 0; i < 3; i += 1) g.recordProbe("big", refused);
    const ticket = g.admit(request(["gpt-oss-120b", "gpt-oss-20b"]));
    expect(ticket.model).toBe("gpt-oss-20b");
    expect((await ticket.lease).backend.id).toBe("small");
  });

  test("a removed backend leaves the view", () => {
    const { gateway: g } = gateway([row("a", ["m"]), row("b", ["m"])]);
    g.sync([row("a", ["m"])]);
    expect(g.backends().map((view) => view.backend.id)).toEqual(["a"]);
  });
});
