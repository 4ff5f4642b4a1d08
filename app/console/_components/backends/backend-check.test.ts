import { describe, expect, test } from "vitest";
import type { BackendDto } from "@/server/schemas/backend";
import { checkInputFor, checkSummary, toggleModel } from "./backend-check";

const backend = {
  id: "backend_1",
  base_url: "http://gpu-1:8000/v1",
  has_api_key: true,
} as BackendDto;

describe("checkInputFor", () => {
  test("sends a typed key, trimmed, with the trimmed URL", () => {
    expect(
      checkInputFor({ baseUrl: " http://a:1/v1 ", apiKey: " sk-1 ", removeKey: false, backend }),
    ).toEqual({
      base_url: "http://a:1/v1",
      api_key: "sk-1",
    });
  });

  test("uses an existing backend's stored key only at its own URL", () => {
    expect(checkInputFor({ baseUrl: "http://gpu-1:8000/v1", apiKey: "", removeKey: false, backend })).toEqual(
      {
        base_url: "http://gpu-1:8000/v1",
        backend_id: "backend_1",
      },
    );
    expect(checkInputFor({ baseUrl: "http://elsewhere/v1", apiKey: "", removeKey: false, backend })).toEqual({
      base_url: "http://elsewhere/v1",
    });
  });

  test("sends no key when none is stored, when it is being removed, or for a new backend", () => {
    const url = "http://gpu-1:8000/v1";
    expect(checkInputFor({ baseUrl: url, apiKey: "", removeKey: true, backend })).toEqual({ base_url: url });
    expect(
      checkInputFor({
        baseUrl: url,
        apiKey: "",
        removeKey: false,
        backend: { ...backend, has_api_key: false },
      }),
    ).toEqual({ base_url: url });
    expect(checkInputFor({ baseUrl: url, apiKey: "", removeKey: false })).toEqual({ base_url: url });
  });
});

describe("checkSummary", () => {
  const ok = { object: "backend.check" as const, ok: true, latency_ms: 12, models: ["a", "b"], error: null };

  test("says how fast and what is served", () => {
    expect(checkSummary(ok)).toBe("Connected in 12 ms — serves: a, b");
    expect(checkSummary({ ...ok, models: [] })).toBe("Connected in 12 ms — it lists no models");
    expect(checkSummary({ ...ok, latency_ms: null })).toBe("Connected — serves: a, b");
  });

  test("says why it failed", () => {
    expect(checkSummary({ ...ok, ok: false, models: [], error: "connection refused" })).toBe(
      "Could not connect: connection refused",
    );
    expect(checkSummary({ ...ok, ok: false, models: [], error: null })).toBe(
      "Could not connect: no usable answer",
    );
  });
});

test("toggleModel adds a model at the end, or removes it", () => {
  expect(toggleModel("", "a")).toBe("a");
  expect(toggleModel("a, b", "c")).toBe("a, b, c");
  expect(toggleModel(" a ,b,, c", "b")).toBe("a, c");
});
