import { describe, expect, test } from "vitest";
import type { BackendHealthDto } from "@/server/schemas/backend";
import { backendsSummary, byAttention } from "./backends-summary";

const health = (state: BackendHealthDto["state"]) => ({ state }) as BackendHealthDto;

describe("backendsSummary", () => {
  test("counts the enabled backends' states, so a down backend is never just 'enabled'", () => {
    expect(backendsSummary([{ enabled: true, health: health("down") }])).toBe("1 of 1 enabled · 1 down");
    expect(
      backendsSummary([
        { enabled: true, health: health("healthy") },
        { enabled: true, health: health("down") },
        { enabled: true, health: health("degraded") },
        { enabled: false, health: null },
      ]),
    ).toBe("3 of 4 enabled · 1 healthy, 1 degraded, 1 down");
  });

  test("no enabled backend: only the count", () => {
    expect(backendsSummary([{ enabled: false, health: null }])).toBe("0 of 1 enabled");
  });
});

describe("byAttention", () => {
  test("down, draining and degraded backends come first, disabled ones last, otherwise in order", () => {
    const list = [
      { name: "a", enabled: true, health: health("healthy") },
      { name: "b", enabled: false, health: null },
      { name: "c", enabled: true, health: health("degraded") },
      { name: "d", enabled: true, health: health("down") },
      { name: "e", enabled: true, health: health("healthy") },
      { name: "f", enabled: true, health: health("draining") },
    ];
    expect(byAttention(list).map((backend) => backend.name)).toEqual(["d", "f", "c", "a", "e", "b"]);
  });
});
