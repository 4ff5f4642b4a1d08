// Routing: capacity first, then the less loaded of two random choices (degraded counts double),
// with a session's own backend preferred while it has room.
import { describe, expect, test } from "vitest";
import { chooseBackend, preferredFor, rankBackends, type Candidate } from "./choose-backend";

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

  test("a session moves off its backend when that one is two requests busier than another", () => {
    const pool = [backend("a", 0, 16), backend("b", 0, 16)];
    const preferred = preferredFor("sess_1", pool);
    const other = pool.find((candidate) => candidate !== preferred);
    if (!preferred || !other) throw new Error("no preference");
    preferred.outstanding = 3;
    other.outstanding = 2;
    expect(chooseBackend(pool, "sess_1")).toBe(preferred);
    other.outstanding = 1;
    expect(chooseBackend(pool, "sess_1")).toBe(other);
    expect(rankBackends(pool, "sess_1", () => 0)[0]).toBe(other);
    other.outstanding = 2;
    expect(rankBackends(pool, "sess_1", () => 0)[0]).toBe(preferred);
  });

  test("five sessions over two backends end up three and two, not four and one", () => {
    const pool = [backend("a", 0, 16), backend("b", 0, 16)];
    for (let i = 0; i < 200; i += 1) {
      for (const candidate of pool) candidate.outstanding = 0;
      for (let s = 0; s < 5; s += 1) chooseBackend(pool, `run${i}_sess${s}`)!.outstanding += 1;
      expect(Math.max(...pool.map((candidate) => candidate.outstanding))).toBeLessThanOrEqual(3);
    }
  });
});
