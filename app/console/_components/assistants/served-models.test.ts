import { describe, expect, test } from "vitest";
import type { BackendDto } from "@/server/schemas/backend";
import { servedModels, unservedModels } from "./served-models";

const backend = (models: string[], enabled = true) => ({ models, enabled }) as BackendDto;

describe("servedModels", () => {
  test("is the sorted union of the enabled backends' models", () => {
    expect(servedModels([backend(["b", "a"]), backend(["a", "c"]), backend(["off"], false)])).toEqual([
      "a",
      "b",
      "c",
    ]);
    expect(servedModels([])).toEqual([]);
  });
});

describe("unservedModels", () => {
  const served = ["gpt-oss-20b", "qwen3"];

  test("names the models no enabled backend serves, by exact name", () => {
    expect(unservedModels(["gpt-oss-20b", "GPT-OSS-20B", "llama"], served)).toEqual(["GPT-OSS-20B", "llama"]);
    expect(unservedModels([" qwen3 "], served)).toEqual([]);
  });

  test("warns of nothing for an empty name, unknown backends or none enabled (retrieval-only)", () => {
    expect(unservedModels(["", "  "], served)).toEqual([]);
    expect(unservedModels(["llama"], null)).toEqual([]);
    expect(unservedModels(["llama"], [])).toEqual([]);
  });
});
