import { describe, expect, it } from "vitest";
import { parseSimulatorArgs } from "./cli-args";

describe("simulator flags", () => {
  it("maps flags onto options with vLLM's port by default", () => {
    const config = parseSimulatorArgs([
      "--ttft-ms",
      "120",
      "--tokens-per-second",
      "55",
      "--max-batch",
      "16",
      "--model",
      "gpt-oss-120b",
      "--model",
      "alias",
      "--reasoning-tokens",
      "1,2,3",
      "--faults",
      '{"rateLimit":{"probability":0.5}}',
    ]);
    expect(config).toMatchObject({
      port: 8000,
      host: "127.0.0.1",
      ttftMs: 120,
      tokensPerSecond: 55,
      maxBatch: 16,
      models: ["gpt-oss-120b", "alias"],
      reasoningTokens: { low: 1, medium: 2, high: 3 },
      faults: { rateLimit: { probability: 0.5, retryAfterSeconds: 1 } },
    });
  });

  it("returns null for --help and names the flag of a bad value", () => {
    expect(parseSimulatorArgs(["--help"])).toBeNull();
    expect(() => parseSimulatorArgs(["--max-batch", "zero"])).toThrow(/--max-batch/);
    expect(() => parseSimulatorArgs(["--max-batch", "0"])).toThrow(/--max-batch/);
    expect(() => parseSimulatorArgs(["--faults", '{"cut":{"afterTokens":-1}}'])).toThrow(/--faults/);
    expect(() => parseSimulatorArgs(["--bogus"])).toThrow();
  });
});
