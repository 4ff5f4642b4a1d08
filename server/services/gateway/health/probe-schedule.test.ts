// The probe schedule: quiet rounds space out up to the cap; traffic, a failed probe, a backend not
// healthy, a change of backends or of state bring the interval back at once.
import { describe, expect, test } from "vitest";
import { IDLE_BACKOFF_FACTOR, ProbeSchedule, type ProbeRound } from "./probe-schedule";

const healthy: ProbeRound = { backends: [{ id: "a", state: "healthy" }], allPassed: true };

/** Runs rounds that take no time, each when it is due; the waits between them. */
function waits(schedule: ProbeSchedule, rounds: ProbeRound[], start = 0): number[] {
  let now = start;
  return rounds.map((round) => {
    const wait = schedule.afterRound(round, now, now);
    now += wait;
    return wait;
  });
}

describe("probe schedule", () => {
  test("quiet rounds double the wait, up to the cap", () => {
    const schedule = new ProbeSchedule(2_000);
    expect(waits(schedule, Array<ProbeRound>(7).fill(healthy))).toEqual([
      2_000, 4_000, 8_000, 16_000, 16_000, 16_000, 16_000,
    ]);
    expect(16_000).toBe(2_000 * IDLE_BACKOFF_FACTOR);
  });

  test("with no backends, quiet rounds space out too (a new one is found at the next round)", () => {
    expect(
      waits(new ProbeSchedule(1_000), Array<ProbeRound>(4).fill({ backends: [], allPassed: true })),
    ).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  test("a failed probe, a backend not healthy, or a change of backends or state: the interval at once", () => {
    const schedule = new ProbeSchedule(2_000);
    waits(schedule, [healthy, healthy, healthy, healthy]);
    expect(schedule.currentDelayMs).toBe(16_000);
    expect(waits(schedule, [{ ...healthy, allPassed: false }])).toEqual([2_000]);

    waits(schedule, [healthy, healthy, healthy]);
    const degraded = { backends: [{ id: "a", state: "degraded" }], allPassed: true };
    expect(waits(schedule, [degraded, degraded, degraded])).toEqual([2_000, 2_000, 2_000]);
    // Healthy again is a change: one more round at the interval before spacing out.
    expect(waits(schedule, [healthy, healthy])).toEqual([2_000, 4_000]);

    const added: ProbeRound = {
      backends: [...healthy.backends, { id: "b", state: "healthy" }],
      allPassed: true,
    };
    expect(waits(schedule, [added, added])).toEqual([2_000, 4_000]);
  });

  test("the wait counts from the start of the round: a slow round does not stretch it", () => {
    const schedule = new ProbeSchedule(2_000);
    expect(schedule.afterRound(healthy, 0, 1_500)).toBe(500);
    expect(schedule.afterRound(healthy, 2_000, 5_000)).toBe(1_000);
    expect(schedule.afterRound(healthy, 6_000, 20_000)).toBe(0);
  });

  test("demand brings the next round to one interval after the last, or now if that has passed", () => {
    const schedule = new ProbeSchedule(2_000);
    waits(schedule, [healthy, healthy, healthy, healthy], 0);
    // The last round started at 14 s and the next is due at 30 s.
    expect(schedule.demand(15_000)).toBe(1_000);
    // Planned already: further demand changes nothing.
    expect(schedule.demand(15_500)).toBeNull();
    // The round at 16 s saw the demand: the interval, not the doubled wait.
    expect(schedule.afterRound(healthy, 16_000, 16_000)).toBe(2_000);

    waits(schedule, [healthy, healthy, healthy], 18_000);
    // The last round started at 32 s, the next is due at 48 s; demand at 40 s wants one at once.
    expect(schedule.demand(40_000)).toBe(0);
  });

  test("under steady traffic the interval holds, and demand plans nothing new", () => {
    const schedule = new ProbeSchedule(2_000);
    let now = 0;
    for (let round = 0; round < 5; round += 1) {
      expect(schedule.demand(now + 500)).toBeNull();
      const wait = schedule.afterRound(healthy, now, now);
      expect(wait).toBe(2_000);
      now += wait;
    }
  });

  test("before the first round, demand plans nothing (the first round is on its way)", () => {
    expect(new ProbeSchedule(2_000).demand(0)).toBeNull();
  });
});
