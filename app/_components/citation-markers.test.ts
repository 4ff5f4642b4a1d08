import { describe, expect, test } from "vitest";
import { citedSource, linkCitations } from "./citation-markers";

describe("linkCitations", () => {
  test("links the markers of the answer's sources, and only those", () => {
    expect(linkCitations("Tuesdays [1], and Fridays [2][3].", 3)).toBe(
      "Tuesdays [1](#cite-1), and Fridays [2](#cite-2)[3](#cite-3).",
    );
    expect(linkCitations("See [4] and [0].", 3)).toBe("See [4] and [0].");
    expect(linkCitations("No sources [1].", 0)).toBe("No sources [1].");
  });

  test("leaves code, links and reference labels alone", () => {
    expect(linkCitations("Use `items[1]` as in [1].", 1)).toBe("Use `items[1]` as in [1](#cite-1).");
    expect(linkCitations("```js\nconst x = a[1];\n```\nDone [1].", 1)).toBe(
      "```js\nconst x = a[1];\n```\nDone [1](#cite-1).",
    );
    expect(linkCitations("An unclosed fence ```\nb[1]", 1)).toBe("An unclosed fence ```\nb[1]");
    expect(linkCitations("[1](https://example.com) and [see][1]", 1)).toBe(
      "[1](https://example.com) and [see][1]",
    );
  });
});

describe("citedSource", () => {
  test("reads the source of a marker's link, nothing else", () => {
    expect(citedSource("#cite-2")).toBe(2);
    expect(citedSource("#cite-x")).toBeNull();
    expect(citedSource("https://example.com/#cite-2")).toBeNull();
    expect(citedSource(undefined)).toBeNull();
  });
});
