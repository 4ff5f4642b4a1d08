// The figures follow the reader's locale (a comma may be the decimal mark), so the expectations
// accept either mark; what is checked is the unit, the rounding and the dash for "no figure".
import { describe, expect, test } from "vitest";
import {
  formatClock,
  formatCount,
  formatMs,
  formatRate,
  formatShare,
  NO_VALUE,
  slaControlSummary,
} from "./format-metrics";

describe("formatMs", () => {
  test("milliseconds below a second, seconds with one decimal above", () => {
    expect(formatMs(0)).toBe("0 ms");
    expect(formatMs(120.4)).toBe("120 ms");
    expect(formatMs(999)).toBe("999 ms");
    expect(formatMs(1000)).toBe("1 s");
    expect(formatMs(1549)).toMatch(/^1[.,]5 s$/);
    expect(formatMs(90_000)).toBe("90 s");
  });

  test("no figure is a dash, never 0 ms (which would read as instant)", () => {
    expect(formatMs(null)).toBe(NO_VALUE);
    expect(formatMs(undefined)).toBe(NO_VALUE);
  });
});

describe("formatShare and formatRate", () => {
  test("a share is a percentage with at most one decimal", () => {
    expect(formatShare(0.125)).toMatch(/^12[.,]5\s?%$/u);
    expect(formatShare(0)).toMatch(/^0\s?%$/u);
    expect(formatShare(1)).toMatch(/^100\s?%$/u);
    expect(formatShare(null)).toBe(NO_VALUE);
  });

  test("a rate keeps one decimal; a count none", () => {
    expect(formatRate(2.25)).toMatch(/^2[.,][23]$/);
    expect(formatRate(3)).toBe("3");
    expect(formatRate(undefined)).toBe(NO_VALUE);
    expect(formatCount(7.6)).toBe("8");
  });
});

describe("formatClock", () => {
  test("the time of day to the second", () => {
    const at = new Date(2026, 4, 1, 8, 5, 9).getTime();
    expect(formatClock(at)).toMatch(/08.05.09/);
  });
});

describe("slaControlSummary", () => {
  test("what degradation bought, the refusals when there were any, and the prediction's error", () => {
    expect(
      slaControlSummary({ answers: 40, degraded_within_sla: 12, shed: 3, prediction_error_ms: 2300 }),
    ).toMatch(/^12 of 40 met by degrading · 3 shed · prediction ±2[.,]3 s$/);
    expect(
      slaControlSummary({ answers: 5, degraded_within_sla: 0, shed: 0, prediction_error_ms: null }),
    ).toBe("0 of 5 met by degrading");
  });
});
