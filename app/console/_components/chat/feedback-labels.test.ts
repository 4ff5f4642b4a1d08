import { describe, expect, test } from "vitest";
import { feedbackFilterOptions, feedbackFilterOrEmpty, feedbackLine } from "./feedback-labels";

describe("feedback labels", () => {
  test("a rating reads as a verdict and who gave it", () => {
    expect(feedbackLine({ rating: "up", given_by: { kind: "widget_visitor", id: null } })).toBe(
      "Rated helpful by a widget visitor",
    );
    expect(feedbackLine({ rating: "down", given_by: { kind: "api_key", id: "key_1" } })).toBe(
      "Rated not helpful by an API key",
    );
  });

  test("the filter offers no filter first, then every server value", () => {
    expect(feedbackFilterOptions.map((option) => option.value)).toEqual(["", "any", "up", "down", "none"]);
  });

  test("a filter from the address bar is kept only when it is one", () => {
    expect(feedbackFilterOrEmpty("down")).toBe("down");
    expect(feedbackFilterOrEmpty("none")).toBe("none");
    expect(feedbackFilterOrEmpty("Down")).toBe("");
    expect(feedbackFilterOrEmpty("constructor")).toBe("");
  });
});
