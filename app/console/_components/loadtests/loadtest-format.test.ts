import { describe, expect, test } from "vitest";
import {
  formatDecimal,
  formatMs,
  formatPercent,
  formatSeconds,
  NO_VALUE,
  reportChartSummary,
  verdictText,
} from "./loadtest-format";

describe("the report's number formats (those of the exported Markdown)", () => {
  test("milliseconds as whole numbers with thousands separators", () => {
    expect(formatMs(1234.6)).toBe("1,235");
    expect(formatMs(0)).toBe("0");
    expect(formatMs(null)).toBe(NO_VALUE);
  });

  test("seconds: one decimal under ten seconds, none above", () => {
    expect(formatSeconds(1250)).toBe("1.3 s");
    expect(formatSeconds(2000)).toBe("2 s");
    expect(formatSeconds(12_400)).toBe("12 s");
  });

  test("percent of a share, decimals as asked, and the dash for no figure", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(undefined)).toBe(NO_VALUE);
    expect(formatDecimal(3.14159)).toBe("3.1");
    expect(formatDecimal(3.14159, 2)).toBe("3.14");
    expect(formatDecimal(null)).toBe(NO_VALUE);
  });

  test("a verdict: met, not met, or nothing to judge yet", () => {
    expect(verdictText(true)).toBe("✅ met");
    expect(verdictText(false)).toBe("❌ not met");
    expect(verdictText(null)).toBe(NO_VALUE);
  });
});

describe("reportChartSummary", () => {
  test("each run's value at each user level, a level it did not reach as a dash", () => {
    const runs = [
      { id: "lt_a", name: "gpt-oss-20b" },
      { id: "lt_b", name: "after upgrade" },
    ];
    const points = [
      { users: 5, lt_a: 1200, lt_b: 900 },
      { users: 10, lt_a: 2500, lt_b: null },
    ];
    expect(reportChartSummary(runs, points, formatSeconds)).toBe(
      "gpt-oss-20b: 5 users 1.2 s, 10 users 2.5 s; after upgrade: 5 users 0.9 s, 10 users —",
    );
  });

  test("no runs, nothing to say", () => {
    expect(reportChartSummary([], [{ users: 5 }], String)).toBe("");
  });
});
