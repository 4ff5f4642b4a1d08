import { describe, expect, test } from "vitest";
import { queryView, type QueryLike } from "./query-state";

type Page = { data: string[] };

function query(state: Partial<QueryLike<Page>>): QueryLike<Page> {
  return {
    data: undefined,
    isPending: false,
    isError: false,
    error: null,
    refetch: async () => null,
    ...state,
  };
}
const isEmpty = (page: Page) => page.data.length === 0;
const rows = { data: ["a"] };
const none = { data: [] };
const failure = new Error("The server answered 502");

describe("queryView", () => {
  test("the first load shows the spinner", () => {
    expect(queryView(query({ isPending: true }), isEmpty)).toBe("loading");
  });

  test("loaded: the data, or the empty state when it has nothing", () => {
    expect(queryView(query({ data: rows }), isEmpty)).toBe("data");
    expect(queryView(query({ data: none }), isEmpty)).toBe("empty");
    // Without a test for emptiness, whatever loaded is shown.
    expect(queryView(query({ data: none }))).toBe("data");
  });

  test("a failure with nothing loaded replaces the view", () => {
    expect(queryView(query({ isError: true, error: failure }), isEmpty)).toBe("failed");
    // Nothing to show either: the failure says more than "no rows".
    expect(queryView(query({ isError: true, error: failure, data: none }), isEmpty)).toBe("failed");
  });

  test("a failed refresh or 'Load more' keeps what is on screen", () => {
    expect(queryView(query({ isError: true, error: failure, data: rows }), isEmpty)).toBe("data");
  });
});
