import { describe, expect, test } from "vitest";
import type { SlaOutcome } from "@/server/schemas/chat";
import {
  combineSlaSteps,
  describeSlaDegradation,
  describeSlaLadder,
  describeSlaOutcome,
  describeSlaStep,
  formatSlaDuration,
} from "./sla-format";

const outcome = (change: Partial<SlaOutcome> = {}): SlaOutcome => ({
  target_ms: 90_000,
  predicted_ms: 72_000,
  degraded: [],
  met: true,
  ...change,
});

describe("formatSlaDuration", () => {
  test("milliseconds under a second, seconds above, without trailing zeros", () => {
    expect(formatSlaDuration(850)).toBe("850 ms");
    expect(formatSlaDuration(1500)).toBe("1.5 s");
    expect(formatSlaDuration(1234)).toBe("1.23 s");
    expect(formatSlaDuration(90_000)).toBe("90 s");
    expect(formatSlaDuration(72_345)).toBe("72.3 s");
  });
});

describe("describeSlaOutcome", () => {
  test("target, prediction and verdict on one line", () => {
    expect(describeSlaOutcome(outcome())).toBe("SLA 90 s · predicted 72 s · met");
    expect(describeSlaOutcome(outcome({ predicted_ms: 95_500, met: false }))).toBe(
      "SLA 90 s · predicted 95.5 s · missed",
    );
  });

  test("an answer that never completed gets no verdict", () => {
    expect(describeSlaOutcome(outcome({ met: null }))).toBe("SLA 90 s · predicted 72 s · not judged");
  });
});

describe("degradation", () => {
  test("a step names each setting it overrides", () => {
    expect(describeSlaStep({ reasoning_effort: "low" })).toBe("reasoning low");
    expect(
      describeSlaStep({ model: "gpt-oss-20b", max_output_tokens: 512, reasoning_effort: "medium" }),
    ).toBe("reasoning medium, max 512 tokens, model gpt-oss-20b");
    expect(describeSlaLadder([{ reasoning_effort: "low" }, { max_output_tokens: 512 }])).toBe(
      "reasoning low → max 512 tokens",
    );
  });

  test("steps applied together: the later step's setting wins", () => {
    const steps = [
      { reasoning_effort: "medium" },
      { reasoning_effort: "low" },
      { max_output_tokens: 1024 },
      { max_output_tokens: 512 },
    ] as const;
    expect(combineSlaSteps(steps)).toEqual({ reasoning_effort: "low", max_output_tokens: 512 });
    expect(describeSlaDegradation(outcome({ degraded: [...steps] }))).toBe(
      "degraded: reasoning low, max 512 tokens",
    );
  });

  test("a later, looser output cap does not loosen an earlier one (the server keeps the lower)", () => {
    expect(
      combineSlaSteps([{ max_output_tokens: 512 }, { max_output_tokens: 2048, model: "small" }]),
    ).toEqual({
      max_output_tokens: 512,
      model: "small",
    });
  });

  test("an answer given as configured says nothing about degradation", () => {
    expect(describeSlaDegradation(outcome())).toBeNull();
  });
});
