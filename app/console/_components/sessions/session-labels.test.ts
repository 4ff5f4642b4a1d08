import { describe, expect, test } from "vitest";
import { channelFilterOptions, channelOrEmpty, statusBadge, tokenSummary } from "./session-labels";

describe("session labels", () => {
  test("the channel filter offers the default first, then every channel, load tests last", () => {
    expect(channelFilterOptions.map((option) => option.value)).toEqual([
      "",
      "api",
      "openai",
      "widget",
      "playground",
      "loadtest",
    ]);
    expect(channelFilterOptions[0]?.label).toBe("All but load tests");
  });

  test("a channel from the address bar is kept only when it is one", () => {
    expect(channelOrEmpty("widget")).toBe("widget");
    expect(channelOrEmpty("loadtest")).toBe("loadtest");
    expect(channelOrEmpty("Widget")).toBe("");
    expect(channelOrEmpty("toString")).toBe("");
    expect(channelOrEmpty("")).toBe("");
  });

  test("the latest status reads as a badge, none before an answer", () => {
    expect(statusBadge("completed")).toEqual({ label: "Answered", tone: "success" });
    expect(statusBadge("failed")).toEqual({ label: "Failed", tone: "danger" });
    expect(statusBadge("cancelled")?.tone).toBe("warning");
    expect(statusBadge(null)).toBeNull();
  });

  test("tokens are summed short, and split in full", () => {
    expect(tokenSummary({ prompt: 1000, completion: 234 })).toEqual({
      short: "1.2K",
      full: "1,234 tokens: 1,000 prompt, 234 completion",
    });
    expect(tokenSummary({ prompt: 0, completion: 0 }).short).toBe("0");
  });
});
