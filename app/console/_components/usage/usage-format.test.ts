// The figures follow the reader's locale (a comma may be the decimal mark, the dollar sign may
// follow the number), so the expectations accept either; what is checked is the unit, the
// rounding and the names.
import { describe, expect, test } from "vitest";
import {
  filterValueLabel,
  formatBucket,
  formatGpuTime,
  formatPrices,
  formatUsd,
  NO_KEY_LABEL,
  rowLabel,
} from "./usage-format";
import { nameKey } from "./usage-query";

describe("formatUsd", () => {
  test("cents for sums of a cent or more", () => {
    expect(formatUsd(12.4)).toMatch(/^\$\s?12[.,]40$|^12[.,]40\s?\$$/);
    expect(formatUsd(0.015)).toMatch(/0[.,]0[12]/);
    expect(formatUsd(0)).toMatch(/0[.,]00/);
  });

  test("below a cent, to a hundredth of one, so a few answers do not read as free", () => {
    expect(formatUsd(0.0031)).toMatch(/0[.,]0031/);
    expect(formatUsd(0.005)).toMatch(/0[.,]005/);
    expect(formatUsd(0.00003)).toMatch(/^< .*0[.,]0001/);
  });
});

describe("formatGpuTime", () => {
  test("seconds, then minutes, then hours", () => {
    expect(formatGpuTime(0)).toBe("0 s");
    expect(formatGpuTime(12.34)).toMatch(/^12[.,]3 s$/);
    expect(formatGpuTime(90)).toMatch(/^1[.,]5 min$/);
    expect(formatGpuTime(3 * 3600 + 360)).toMatch(/^3[.,]1 h$/);
  });
});

describe("formatPrices", () => {
  test("the prices set, in one line; none is null", () => {
    const line = formatPrices({ input_per_million: 0.5, output_per_million: null, gpu_hour: 2 });
    expect(line).toMatch(/0[.,]50.* \/ 1M in · .*2[.,]00.* \/ GPU-hour$/);
    expect(line).not.toContain("out");
    expect(formatPrices({ input_per_million: null, output_per_million: null, gpu_hour: null })).toBeNull();
  });
});

describe("naming buckets and rows", () => {
  test("a day is named by its UTC date, whatever the reader's time zone", () => {
    // West of Greenwich, local time would make this December 2.
    const day = formatBucket("2026-12-03T00:00:00.000Z", "day");
    expect(day).toMatch(/\b0?3\b/);
    expect(day).not.toMatch(/\b0?2\b/);
  });

  test("rows without a key, an end user or a backend say so", () => {
    expect(rowLabel("key", { key: "", label: "" })).toBe(NO_KEY_LABEL);
    expect(rowLabel("key", { key: "key_1", label: "Billing integration" })).toBe("Billing integration");
    expect(rowLabel("user", { key: "", label: "" })).toBe("No end user id");
    expect(rowLabel("backend", { key: "", label: "" })).toBe("No backend");
    expect(rowLabel("assistant", { key: "support", label: "" })).toBe("support");
  });

  test("channels and outcomes by their console names", () => {
    expect(rowLabel("channel", { key: "openai", label: "openai" })).toBe("OpenAI API");
    expect(rowLabel("outcome", { key: "cancelled", label: "cancelled" })).toBe("Cancelled");
  });

  test("an active filter's value by the name the page knows, else as it is", () => {
    const names = new Map([[nameKey("assistant_id", "support"), "Support desk"]]);
    expect(filterValueLabel("assistant_id", "support", names)).toBe("Support desk");
    expect(filterValueLabel("assistant_id", "sales", names)).toBe("sales");
    expect(filterValueLabel("api_key_id", "none", names)).toBe(NO_KEY_LABEL);
    expect(filterValueLabel("channel", "widget", names)).toBe("Widget");
  });
});
