// Routing: capacity first, then the less loaded of two random choices (degraded counts double),
// with a session's own backend preferred while it has room.
import { describe, expect, test } from "vitest";
import { chooseBackend, preferredFor, type Candidate } from "./choose-backend";

const backend = (id: string, outstanding: number, capacity = 4, degraded = false): Candidate => ({
  id,
  outstanding,
  capacity,
  degraded,
});

describe("chooseBackend", () => {
  test("only backends with a free slot; none free is null", () => {
    expect(chooseBackend([backend("a", 4), backend("b", 4)], null)).toBeNull();
    expect(chooseBackend([backend("a", 4), backend("b", 3)], null)?.id).toBe("b");
  });

  test("of two, the one with less outstanding work relative to capacity", () => {
    for (const random of [0, 0.3, 0.6, 0.99]) {
      expect(chooseBackend([backend("a", 3), backend("b", 1)], null, () => random)?.id).toBe("b");
      // 4 of 16 is lighter than 2 of 4.
      expect(chooseBackend([backend("a", 2, 4), backend("b", 4, 16)], null, () => random)?.id).toBe("b");
      // A degraded backend counts as twice as loaded.
      expect(chooseBackend([backend("a", 1, 4, true), backend("b", 2, 4)], null, () => random)?.id).toBe("b");
    }
  });

  test("load spreads over many requests by capacity", () => {
    const pool = [backend("small", 0, 4), backend("large", 0, 12)];
    for (let i = 0; i < 16; i += 1) {
      const chosen = chooseBackend(pool, null);
      if (!chosen) throw new Error("no backend");
      chosen.outstanding += 1;
    }
    expect(pool.map((candidate) => candidate.outstanding)).toEqual([4, 12]);
  });

  test("a session keeps its backend while it has room, and moves when it is full", () => {
    const pool = [backend("a", 0), backend("b", 0), backend("c", 0)];
    const preferred = preferredFor("sess_1", pool);
    for (let i = 0; i < 3; i += 1) expect(chooseBackend(pool, "sess_1")).toBe(preferred);
    const sessions = new Set(Array.from({ length: 30 }, (_, i) => preferredFor(`sess_${i}`, pool)?.id));
    expect(sessions.size).toBe(3);
    if (!preferred) throw new Error("no preference");
    preferred.outstanding = preferred.capacity;
    expect(chooseBackend(pool, "sess_1")).not.toBe(preferred);
  });
});
