import { describe, expect, test } from "vitest";
import { MARK_END, MARK_START, parseMarkedSnippet } from "./snippet-highlights";

const m = (word: string) => `${MARK_START}${word}${MARK_END}`;

describe("parseMarkedSnippet", () => {
  test("turns marks into offsets in the plain text", () => {
    const { snippet, highlights } = parseMarkedSnippet(`You get 27 days of ${m("holiday")} a ${m("year")}.`);
    expect(snippet).toBe("You get 27 days of holiday a year.");
    expect(highlights.map(({ start, end }) => snippet.slice(start, end))).toEqual(["holiday", "year"]);
  });

  test("neighbouring marks merge; a snippet without marks has none", () => {
    const { snippet, highlights } = parseMarkedSnippet(`${m("paid")}${m("leave")} rules`);
    expect(highlights).toEqual([{ start: 0, end: 9 }]);
    expect(snippet.slice(0, 9)).toBe("paidleave");
    expect(parseMarkedSnippet("nothing here")).toEqual({ snippet: "nothing here", highlights: [] });
  });

  test("an empty or unclosed mark adds nothing, and the ends are trimmed with the marks moved", () => {
    expect(parseMarkedSnippet(`a ${MARK_START}${MARK_END}b`).highlights).toEqual([]);
    expect(parseMarkedSnippet(`a ${MARK_START}b`).highlights).toEqual([]);
    const { snippet, highlights } = parseMarkedSnippet(`  the ${m("refund")} policy  `);
    expect(snippet).toBe("the refund policy");
    expect(highlights.map(({ start, end }) => snippet.slice(start, end))).toEqual(["refund"]);
  });
});
