import { describe, expect, test } from "vitest";
import { feedbackRows, helpfulShare } from "./feedback-figures";
import { assistantTelemetry } from "./telemetry-fixture";

describe("feedback figures", () => {
  test("the share rated helpful, with how many ratings; a dash with none", () => {
    expect(helpfulShare({ up: 3, down: 1, positive_share: 0.75 })).toBe("75% of 4");
    expect(helpfulShare({ up: 0, down: 0, positive_share: null })).toBe("—");
  });

  test("only rated assistants, and only the decisions with ratings, in the decisions' order", () => {
    const rated = assistantTelemetry(
      "a",
      {},
      {
        up: 2,
        down: 1,
        positive_share: 0.6667,
        by_rag: [
          { decision: "forwarded", up: 1, down: 1, positive_share: 0.5 },
          { decision: "none", up: 1, down: 0, positive_share: 1 },
        ],
      },
    );
    const other = assistantTelemetry(
      "b",
      {},
      {
        up: 1,
        down: 0,
        positive_share: 1,
        by_rag: [{ decision: "injected", up: 1, down: 0, positive_share: 1 }],
      },
    );
    const { rated: rows, decisions } = feedbackRows([rated, assistantTelemetry("idle"), other]);
    expect(rows.map((row) => row.assistant_id)).toEqual(["a", "b"]);
    expect(decisions).toEqual(["injected", "forwarded", "none"]);
  });
});
