import { describe, expect, test } from "vitest";
import type { AssistantDto } from "@/server/schemas/assistant";
import { draftOf, maxOutputTokensCap, overridesOf, summaryOf } from "./run-settings";

const unset: AssistantDto["generation"] = {
  temperature: null,
  top_p: null,
  max_output_tokens: null,
  reasoning_effort: "medium",
};
const capped: AssistantDto["generation"] = { ...unset, temperature: 0.7, max_output_tokens: 512 };

describe("run settings", () => {
  test("the assistant's own settings are the starting draft, and send nothing", () => {
    expect(draftOf(unset)).toEqual({ temperature: "", reasoningEffort: "medium", maxOutputTokens: "" });
    expect(draftOf(capped)).toEqual({
      temperature: "0.7",
      reasoningEffort: "medium",
      maxOutputTokens: "512",
    });
    expect(overridesOf(draftOf(unset), unset)).toEqual({ overrides: {}, errors: {} });
    expect(overridesOf(draftOf(capped), capped)).toEqual({ overrides: {}, errors: {} });
  });

  test("only what differs from the assistant is sent", () => {
    const draft = { temperature: " 0.2 ", reasoningEffort: "high" as const, maxOutputTokens: "512" };
    expect(overridesOf(draft, capped)).toEqual({
      overrides: { temperature: 0.2, reasoning_effort: "high" },
      errors: {},
    });
    expect(overridesOf({ ...draft, maxOutputTokens: "64" }, unset).overrides).toEqual({
      temperature: 0.2,
      reasoning_effort: "high",
      max_output_tokens: 64,
    });
    // A cleared field is the assistant's (or the model's) default: nothing to send.
    expect(
      overridesOf({ ...draftOf(capped), temperature: "", maxOutputTokens: "" }, capped).overrides,
    ).toEqual({});
  });

  test("values out of range are errors, with the assistant's cap as the limit", () => {
    expect(maxOutputTokensCap(unset)).toBe(131_072);
    expect(maxOutputTokensCap(capped)).toBe(512);
    const bad = { temperature: "2.5", reasoningEffort: "medium" as const, maxOutputTokens: "513" };
    expect(overridesOf(bad, capped)).toEqual({
      overrides: {},
      errors: { temperature: "A number from 0 to 2", maxOutputTokens: "A whole number from 1 to 512" },
    });
    for (const maxOutputTokens of ["0", "1.5", "lots", "-3"]) {
      expect(overridesOf({ ...bad, temperature: "", maxOutputTokens }, unset).errors).toEqual({
        maxOutputTokens: "A whole number from 1 to 131,072",
      });
    }
    expect(overridesOf({ ...bad, temperature: "warm", maxOutputTokens: "" }, unset).errors).toEqual({
      temperature: "A number from 0 to 2",
    });
  });

  test("a summary of what the next answers get", () => {
    expect(summaryOf({})).toBeNull();
    expect(summaryOf({ temperature: 0, reasoning_effort: "low", max_output_tokens: 2000 })).toBe(
      "temperature 0 · effort low · max 2,000 tokens",
    );
  });
});
