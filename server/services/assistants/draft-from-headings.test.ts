import { describe, expect, test } from "vitest";
import { draftFromHeadings, nameFromTitles } from "./draft-from-headings";

describe("nameFromTitles", () => {
  test.each([
    [["FAQ"], "FAQ"],
    [["FAQ", "FAQ"], "FAQ"],
    [["FAQ", "Pricing"], "FAQ and Pricing"],
    [["FAQ", "Pricing", "Returns"], "FAQ, Pricing and Returns"],
    [["Acme returns and refunds policy", "Acme shipping times and carriers", "Acme warranty terms"], "Acme"],
    [
      ["The complete guide to holidays", "The complete guide to expenses", "Company equipment catalogue"],
      "The complete guide, Company equipment catalogue and others",
    ],
    [[], "Documents"],
  ])("%j → %j", (titles, name) => {
    expect(nameFromTitles(titles)).toBe(name);
  });

  test("never 'X and N more', and short", () => {
    const titles = Array.from({ length: 12 }, (_, i) => `Quarterly operations report number ${i}`);
    const name = nameFromTitles([...titles, "Board minutes"]);
    expect(name).toBe("Quarterly operations report, Board minutes and others");
    expect(name.length).toBeLessThanOrEqual(60);
  });
});

describe("draftFromHeadings", () => {
  const file = (title: string, headings: string[]) => ({
    filename: `${title}.md`,
    format: "markdown",
    bytes: 1,
    title,
    title_source: "document" as const,
    headings,
    text: "",
    text_truncated: false,
    characters: 0,
    chunk_count: 0,
    chunks: [],
  });

  test("questions from headings (a heading that is a question stays one), then from titles", () => {
    const draft = draftFromHeadings([
      file("FAQ", ["FAQ > Can I return a gift?", "FAQ > Shipping"]),
      file("Pricing", []),
    ]);
    expect(draft.suggested_questions).toEqual([
      "Can I return a gift?",
      "What should I know about shipping?",
      "What does FAQ cover?",
    ]);
    expect(draft.description).toBe(
      "Answers questions from FAQ and Pricing, such as Can I return a gift? and Shipping.",
    );
  });
});
