import { describe, expect, test } from "vitest";
import { AppError } from "../../../errors";
import { attributeTerms, buildFilter } from "./build-filter";
import { fuseRankings } from "./fuse-rankings";

describe("search filters", () => {
  test("filter nothing when empty", () => {
    expect(buildFilter(undefined)).toBeUndefined();
    expect(buildFilter({})).toBeUndefined();
    expect(buildFilter({ attributes: {} })).toBeUndefined();
  });

  test("quote every value as a SQL string literal", () => {
    expect(buildFilter({ fileIds: ["a", "it's", "x') OR TRUE --"] })).toBe(
      "file_id IN ('a', 'it''s', 'x'') OR TRUE --')",
    );
    expect(buildFilter({ attributes: { "k'": "v'" } })).toBe(`array_has(attribute_terms, '["k''","v''"]')`);
  });

  test("keep attribute types apart and allow a list of values", () => {
    expect(attributeTerms({ a: "1", b: 1, c: true, d: null, e: { nested: 1 }, f: Number.NaN })).toEqual([
      '["a","1"]',
      '["b",1]',
      '["c",true]',
    ]);
    expect(buildFilter({ fileIds: ["f"], attributes: { lang: ["en", "de"], year: 2024 } })).toBe(
      `file_id IN ('f') AND array_has_any(attribute_terms, make_array('["lang","en"]', '["lang","de"]')) AND ` +
        `array_has(attribute_terms, '["year",2024]')`,
    );
  });

  test("match nothing for an empty list, and refuse what cannot be matched exactly", () => {
    expect(buildFilter({ fileIds: [] })).toBe("FALSE");
    expect(buildFilter({ attributes: { lang: [] } })).toBe("FALSE");
    expect(() => buildFilter({ attributes: { lang: { $ne: "en" } as never } })).toThrow(AppError);
    expect(() => buildFilter({ attributes: { "": "x" } })).toThrow(AppError);
    expect(() => buildFilter({ attributes: { n: Number.POSITIVE_INFINITY } })).toThrow(AppError);
  });
});

describe("reciprocal rank fusion", () => {
  test("sums 1 / (k + rank) over the lists", () => {
    const fused = fuseRankings([
      ["a", "b"],
      ["b", "c"],
    ]);
    expect(fused.get("b")).toBeCloseTo(1 / 62 + 1 / 61, 10);
    expect(fused.get("a")).toBeCloseTo(1 / 61, 10);
    expect(fused.get("c")).toBeCloseTo(1 / 62, 10);
  });
});
