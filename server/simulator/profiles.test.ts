// The calibrated GPU profiles: they apply under explicit options (programmatically and on the
// command line); their latency model reproduces the reference report's averages within 15 % at
// 5, 10, 15 and 25 closed-loop users; and a running simulator follows that model (a batch of five
// against one request alone, at high speed with proportionally fewer tokens: the same curve).
import { describe, expect, test } from "vitest";
import { parseSimulatorArgs } from "./cli-args";
import { decodeTokensPerSecond } from "./latency";
import { resolveOptions, type SimulatorConfig } from "./options";
import { simulatorProfiles, type SimulatorProfileName } from "./profiles";
import { startSimulator } from "./start-simulator";

/** The reference report's average response times (ms) at 5, 10, 15 and 25 users. */
const reference: Record<SimulatorProfileName, [number, number][]> = {
  "a6000x2-gpt-oss-20b": [
    [5, 34_355],
    [10, 56_421],
    [15, 73_574],
    [25, 102_460],
  ],
  "a6000x2-gpt-oss-120b": [
    [5, 41_802],
    [10, 78_347],
    [15, 97_493],
    [25, 124_093],
  ],
};

/** A closed loop with no think time keeps every user's request in a batch, split over the instances. */
function modelledAverageMs(config: SimulatorConfig, users: number, instances: number): number {
  const batch = users / instances;
  const tokens = config.reasoningTokens.medium + config.answerTokens;
  return config.ttftMs + (tokens / decodeTokensPerSecond(config, batch)) * 1000;
}

describe("calibrated profiles", () => {
  test("apply under explicit options, programmatically and on the command line", () => {
    const config = resolveOptions({ profile: "a6000x2-gpt-oss-20b", speed: 10, answerTokens: 60 });
    expect(config).toMatchObject({
      batchCurve: "saturating",
      batchSaturation: 2.5,
      speed: 10,
      answerTokens: 60,
    });
    expect(config.models).toEqual(["gpt-oss-20b"]);
    const cli = parseSimulatorArgs(["--profile", "a6000x2-gpt-oss-120b", "--speed", "20", "--port", "0"]);
    expect(cli).toMatchObject({ profile: "a6000x2-gpt-oss-120b", batchSaturation: 5.2, speed: 20, port: 0 });
    expect(() => parseSimulatorArgs(["--profile", "h100-gpt-oss-20b"])).toThrow(/--profile/);
  });

  test.each(Object.keys(simulatorProfiles) as SimulatorProfileName[])(
    "%s reproduces the reference averages within 15 %%",
    (name) => {
      const config = resolveOptions({ profile: name });
      const { instances } = simulatorProfiles[name];
      for (const [users, averageMs] of reference[name]) {
        const error = Math.abs(modelledAverageMs(config, users, instances) - averageMs) / averageMs;
        expect(error, `${users} users`).toBeLessThan(0.15);
      }
    },
  );

  test("a running simulator follows the curve: five in a batch against one alone", async () => {
    // 100x faster with 20x fewer tokens (and 20x slower tokens): the same durations, 100x shorter.
    const base = resolveOptions({ profile: "a6000x2-gpt-oss-20b" });
    const sim = await startSimulator({
      profile: "a6000x2-gpt-oss-20b",
      speed: 100,
      ttftMs: 0,
      prefillMsPerToken: 0,
      tokensPerSecond: base.tokensPerSecond / 20,
      answerTokens: base.answerTokens / 20,
      reasoningTokens: { low: 10, medium: base.reasoningTokens.medium / 20, high: 90 },
    });
    try {
      const ask = async () => {
        const started = performance.now();
        const response = await fetch(`${sim.baseUrl}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ model: "gpt-oss-20b", messages: [{ role: "user", content: "Hi" }] }),
        });
        await response.json();
        return performance.now() - started;
      };
      const k = base.batchSaturation;
      const expected = (5 + k) / (1 + k);
      // The simulated durations are exact; a busy machine only adds time, to one sample or another.
      // So the best of three measurements is the simulator's own (one alone, then five at once).
      const errors: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const alone = await ask();
        const batch = await Promise.all(Array.from({ length: 5 }, ask));
        errors.push(Math.abs(Math.max(...batch) / alone - expected) / expected);
        if (errors.at(-1)! < 0.15) break;
      }
      expect(Math.min(...errors), `relative errors: ${errors.join(", ")}`).toBeLessThan(0.15);
    } finally {
      await sim.stop();
    }
  });
});
