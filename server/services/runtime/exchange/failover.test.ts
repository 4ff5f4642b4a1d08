// The failover step alone: which failures another backend may be asked to retry, what each tells
// the failed backend's health, and what the step leaves in the state. Admission is replaced, so
// the tests decide whether another backend is available.
import { afterEach, describe, expect, test, vi } from "vitest";
import { AppError } from "../../../errors";
import { testAttempt, testLease, testState, testTicket } from "../../../test/exchange";
import { admitRequest } from "../../gateway/admit-request";
import { EngineError, type EngineErrorKind } from "../../gateway/engines/engine";
import { failover, leaseOutcomeOf, mayFailOver } from "./failover";

vi.mock("../../gateway/admit-request", () => ({ admitRequest: vi.fn() }));

afterEach(() => {
  vi.mocked(admitRequest).mockReset();
});

const failure = (kind: EngineErrorKind) => new EngineError(kind, `backend said ${kind}`);

describe("mayFailOver", () => {
  test.each(["connect", "timeout", "upstream", "cut", "rate_limited"] as const)(
    "%s before the first token: yes",
    (kind) => {
      expect(mayFailOver(testState(), testAttempt(), failure(kind), 2)).toBe(true);
    },
  );

  test.each(["bad_request", "aborted"] as const)(
    "%s: no, another backend would fail the same way",
    (kind) => {
      expect(mayFailOver(testState(), testAttempt(), failure(kind), 2)).toBe(false);
    },
  );

  test("not an engine's failure (an AppError, a bug): no", () => {
    expect(mayFailOver(testState(), testAttempt(), new AppError("INTERNAL", "x"), 2)).toBe(false);
    expect(mayFailOver(testState(), testAttempt(), new TypeError("x"), 2)).toBe(false);
  });

  test("once a token of this attempt is out: no", () => {
    const attempt = testAttempt();
    attempt.ttftMs = 120;
    expect(mayFailOver(testState(), attempt, failure("cut"), 2)).toBe(false);
  });

  test("a later step of a tool loop (tokens out before, none of this attempt): yes", () => {
    const state = testState();
    state.ttftMs = 120;
    state.step = 2;
    expect(mayFailOver(state, testAttempt(), failure("connect"), 2)).toBe(true);
  });

  test("once the caller has gone, or the exchange could not be recorded: no", () => {
    const caller = new AbortController();
    const gone = testState({ signal: caller.signal });
    caller.abort();
    const unrecorded = testState();
    unrecorded.generation.abort(new Error("no record"));

    expect(mayFailOver(gone, testAttempt(), failure("connect"), 2)).toBe(false);
    expect(mayFailOver(unrecorded, testAttempt(), failure("connect"), 2)).toBe(false);
  });

  test("without a backend (the fixed-answer engines), or after the last failover allowed: no", () => {
    const state = testState();
    expect(mayFailOver(state, testAttempt(null), failure("connect"), 2)).toBe(false);
    state.tried = new Set(["b1", "b2"]);
    expect(mayFailOver(state, testAttempt(), failure("connect"), 2)).toBe(false);
    expect(mayFailOver(state, testAttempt(), failure("connect"), 3)).toBe(true);
  });
});

describe("leaseOutcomeOf", () => {
  test("a 429 rests the backend for its Retry-After (1 s when it gave none)", () => {
    expect(leaseOutcomeOf(new EngineError("rate_limited", "429", { retryAfterSeconds: 7 }))).toEqual({
      rateLimitedMs: 7_000,
    });
    expect(leaseOutcomeOf(failure("rate_limited"))).toEqual({ rateLimitedMs: 1_000 });
  });

  test("the request's own fault or a cancellation says nothing about the backend", () => {
    expect(leaseOutcomeOf(failure("bad_request"))).toEqual({ cancelled: true });
    expect(leaseOutcomeOf(failure("aborted"))).toEqual({ cancelled: true });
    expect(leaseOutcomeOf(new Error("not the backend's"))).toEqual({ cancelled: true });
  });

  test("anything else is a hard failure, with the reason for the backend's health", () => {
    expect(leaseOutcomeOf(failure("connect"))).toEqual({
      ok: false,
      hard: true,
      reason: "backend said connect",
    });
  });
});

describe("failover", () => {
  test("another backend admits the request: its ticket is in the state, the failed one is excluded", async () => {
    const state = testState();
    const lease = testLease({ id: "b1", name: "sim-a" });
    const attempt = testAttempt(lease);
    const next = testTicket(testLease({ id: "b2", name: "sim-b" }));
    vi.mocked(admitRequest).mockResolvedValueOnce(next);

    expect(await failover(state, attempt, failure("connect"))).toBe(true);

    expect(state.ticket).toBe(next);
    expect([...state.tried]).toEqual(["b1"]);
    expect(vi.mocked(admitRequest).mock.calls[0]?.[0]).toMatchObject({
      models: ["gpt-oss-20b", "gpt-oss-120b"],
      sessionKey: "sess_1",
      exclude: new Set(["b1"]),
    });
    expect(lease.released).toEqual([{ ok: false, hard: true, reason: "backend said connect" }]);
    expect(attempt.span.failed).toBe(true);
  });

  test("no other backend admits it: false, and no ticket left to cancel", async () => {
    const state = testState();
    vi.mocked(admitRequest).mockRejectedValueOnce(new AppError("NO_BACKEND", "none"));

    expect(await failover(state, testAttempt(), failure("timeout"))).toBe(false);
    expect(state.ticket).toBeNull();
  });

  test("a failure that may not fail over: the slot is released, and no other backend is asked", async () => {
    const state = testState();
    const lease = testLease();

    expect(await failover(state, testAttempt(lease), failure("bad_request"))).toBe(false);
    expect(lease.released).toEqual([{ cancelled: true }]);
    expect(admitRequest).not.toHaveBeenCalled();
  });
});
