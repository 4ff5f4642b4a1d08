import { describe, expect, test } from "vitest";
import { targetPlacement } from "./target-line";

describe("targetPlacement", () => {
  test("a target within twice the data's peak is drawn; one far above it is not", () => {
    expect(targetPlacement(2_000, [1_200, 1_800, null])).toBe("line");
    expect(targetPlacement(3_000, [1_200, 1_500])).toBe("line");
    expect(targetPlacement(90_000, [1_200, 2_100, null])).toBe("above");
    expect(targetPlacement(90_000, [1_200], 100)).toBe("line");
  });

  test("a target below the data is on the chart; with no data the target sets the scale", () => {
    expect(targetPlacement(1_000, [40_000])).toBe("line");
    expect(targetPlacement(90_000, [])).toBe("line");
    expect(targetPlacement(90_000, [null, undefined, 0])).toBe("line");
  });
});
