import { describe, expect, test } from "vitest";
import {
  emptySearchFilters,
  filtersFromParams,
  pageSearch,
  snippetPieces,
  toSearchQuery,
} from "./conversation-search-query";

describe("the conversation search's filters", () => {
  test("no words, no search; the filters chosen go with the words", () => {
    expect(toSearchQuery(emptySearchFilters)).toBeNull();
    expect(toSearchQuery({ ...emptySearchFilters, q: "   ", assistant: "support" })).toBeNull();
    expect(toSearchQuery({ ...emptySearchFilters, q: " refund " })).toEqual({ q: "refund" });
    expect(
      toSearchQuery({ q: "refund", assistant: "support", channel: "widget", role: "user", feedback: "down" }),
    ).toEqual({ q: "refund", assistant_id: "support", channel: "widget", role: "user", feedback: "down" });
  });

  test("the address bar keeps what is chosen, and a hand-edited one falls back to all", () => {
    const values = {
      ...emptySearchFilters,
      q: "late parcel",
      channel: "widget" as const,
      feedback: "up" as const,
    };
    const search = pageSearch(values);
    expect(search).toBe("q=late+parcel&channel=widget&feedback=up");
    expect(filtersFromParams(Object.fromEntries(new URLSearchParams(search)))).toEqual(values);
    expect(pageSearch(emptySearchFilters)).toBe("");
    expect(filtersFromParams({ channel: "fax", role: "admin", feedback: "meh" })).toEqual(emptySearchFilters);
    expect(filtersFromParams({ q: "x".repeat(500) }).q).toHaveLength(200);
  });
});

describe("snippetPieces", () => {
  test("cuts the snippet at its marks", () => {
    expect(
      snippetPieces("get a refund now", [{ start: 6, end: 12 }]).map((piece) => [piece.text, piece.marked]),
    ).toEqual([
      ["get a ", false],
      ["refund", true],
      [" now", false],
    ]);
    expect(snippetPieces("refund", [{ start: 0, end: 6 }])).toEqual([{ text: "refund", marked: true }]);
    expect(snippetPieces("plain", [])).toEqual([{ text: "plain", marked: false }]);
  });

  test("ignores marks that overlap or are empty, and keeps every character once", () => {
    const text = "one two three";
    const pieces = snippetPieces(text, [
      { start: 4, end: 7 },
      { start: 5, end: 9 },
      { start: 8, end: 8 },
      { start: 0, end: 3 },
    ]);
    expect(pieces.map((piece) => piece.text).join("")).toBe(text);
    expect(pieces.filter((piece) => piece.marked).map((piece) => piece.text)).toEqual(["one", "two"]);
  });
});
