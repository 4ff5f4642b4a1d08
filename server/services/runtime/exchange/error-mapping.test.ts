// The exchange's error mappings alone: an engine failure as the caller's error (public message,
// the operator's detail apart, when to retry as data), that error as an event, and the event back.
import { describe, expect, test } from "vitest";
import { AppError } from "../../../errors";
import {
  EngineError,
  PUBLIC_CUT_MESSAGE,
  PUBLIC_TIMEOUT_MESSAGE,
  PUBLIC_UPSTREAM_MESSAGE,
} from "../../gateway/engines/engine";
import { errorOf, toExchangeAppError, toExchangeError } from "./error-mapping";

describe("toExchangeAppError", () => {
  test("an upstream 429: RATE_LIMITED with its Retry-After in whole seconds; the backend only in the detail", () => {
    const error = toExchangeAppError(
      new EngineError("rate_limited", "The backend said 429: org acme is over quota", {
        retryAfterSeconds: 2.2,
      }),
      "gpu-box-7",
    );
    expect(error).toMatchObject({ code: "RATE_LIMITED", rateLimit: { retryAfterSeconds: 3 } });
    expect(error.message).not.toMatch(/acme|gpu-box/);
    expect(error.detail).toBe("backend gpu-box-7: The backend said 429: org acme is over quota");
    expect(toExchangeAppError(new EngineError("rate_limited", "429")).rateLimit).toEqual({
      retryAfterSeconds: 1,
    });
  });

  test("timeouts, cut streams and other upstream failures get Hearth's public messages", () => {
    expect(toExchangeAppError(new EngineError("timeout", "no first token in 5000 ms"))).toMatchObject({
      code: "UPSTREAM_TIMEOUT",
      message: PUBLIC_TIMEOUT_MESSAGE,
      detail: "no first token in 5000 ms",
    });
    expect(
      toExchangeAppError(new EngineError("cut", "ended early", { afterFirstToken: true })),
    ).toMatchObject({ code: "UPSTREAM_ERROR", message: PUBLIC_CUT_MESSAGE });
    expect(toExchangeAppError(new EngineError("bad_request", "400: bad"), "sim")).toMatchObject({
      code: "UPSTREAM_ERROR",
      message: PUBLIC_UPSTREAM_MESSAGE,
      detail: "backend sim: 400: bad",
    });
  });

  test("an AppError stays as it is; anything else is INTERNAL and says nothing of the cause", () => {
    const refusal = new AppError("NO_BACKEND", "No model is available", { detail: "sim is down" });
    expect(toExchangeAppError(refusal)).toBe(refusal);
    const internal = toExchangeAppError(new TypeError("cannot read 'x' of undefined at /srv/app.js"));
    expect(internal.code).toBe("INTERNAL");
    expect(`${internal.message} ${internal.detail ?? ""}`).not.toContain("/srv");
  });
});

describe("toExchangeError and errorOf", () => {
  test("the event carries the code, the public message and when to retry, never the detail", () => {
    const error = new AppError("RATE_LIMITED", "Busy; retry in 4 s", {
      rateLimit: { retryAfterSeconds: 4, limit: 8, remaining: 0, resetSeconds: 4 },
      detail: "queue of sim-a is full",
    });
    expect(toExchangeError(error)).toEqual({
      code: "RATE_LIMITED",
      message: "Busy; retry in 4 s",
      retry_after_seconds: 4,
      limit: 8,
    });
    expect(toExchangeError(new AppError("UPSTREAM_ERROR", "x", { detail: "secret" }))).toEqual({
      code: "UPSTREAM_ERROR",
      message: "x",
    });
  });

  test("an error event becomes the AppError of a JSON response, its ids as details and its limits as data", () => {
    const error = errorOf({
      type: "error",
      error: { code: "RATE_LIMITED", message: "Busy", retry_after_seconds: 4, limit: 8 },
      message_id: "msg_a",
      session_id: "sess_1",
    });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      message: "Busy",
      details: { message_id: "msg_a", session_id: "sess_1" },
      rateLimit: { retryAfterSeconds: 4, limit: 8, remaining: 0, resetSeconds: 4 },
    });
    const failed = errorOf({
      type: "error",
      error: { code: "UPSTREAM_ERROR", message: "x" },
      message_id: "m",
      session_id: "s",
    });
    expect(failed.rateLimit).toBeUndefined();
  });
});
