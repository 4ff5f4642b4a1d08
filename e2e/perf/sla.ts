// Benchmark (prints tables; not a test): does SLA control keep answers within the SLA? Two vLLM
// simulators on the calibrated A6000 x 2 GPT-OSS-20B profile (one per GPU, as in the reference),
// SPEED times faster with SPEED times fewer tokens (the same curve, in 1/SPEED of the time),
// behind a production Hearth; Hearth's own load test (closed loop, no think time, the builtin
// prompts, `ask`) at 5, 10, 15 and 25 users, three times on one assistant: sla.control `off`,
// `degrade`, `shed`. The reference report's columns for each, side by side with the reference
// (times scaled back by SPEED), then the verdicts against the targets:
// - off: the averages within ±15 % of the reference;
// - degrade: every level's average within the SLA, at most 1 % errors, and goodput (answers
//   within the SLA per minute) at 25 users at least twice off's;
// - shed: every answer that starts meets the SLA.
// The ladder is the GPT-OSS preset, its token cap scaled like the tokens: reasoning low, then
// max_output_tokens 512 / SPEED.
//
//   npm run build && npm run bench:sla
//   SPEED=20 SECONDS=30 npm run bench:sla
//   MODES=off,shed npm run bench:sla   (some of the runs only: no verdicts)
import {
  adminCall,
  printHeader,
  printTable,
  progress,
  startHearth,
  startSimulatorProcess,
  type Cell,
} from "./bench-support";
import type { LoadTestDto, LoadTestLevelResult } from "../../server/schemas/loadtest";
import { simulatorProfiles } from "../../server/simulator/profiles";

const SPEED = Number(process.env.SPEED ?? 20);
const MODES = (process.env.MODES ?? "off,degrade,shed").split(",") as Mode[];
const SECONDS = Number(process.env.SECONDS ?? 30);
const USERS = [5, 10, 15, 25];
const SLA_MS = 90_000;
const PROFILE = "a6000x2-gpt-oss-20b";

/** The reference report's GPT-OSS-20B rows: users, avg, median, p90, p95, p99 (ms), error rate, answers/min. */
const REFERENCE: [number, number, number, number, number, number, number, number][] = [
  [5, 34_355, 38_462, 47_163, 49_897, 55_427, 0.11, 8.4],
  [10, 56_421, 64_825, 75_231, 77_109, 79_759, 0.09, 10.3],
  [15, 73_574, 85_901, 108_422, 110_204, 112_986, 0, 11.4],
  [25, 102_460, 125_987, 188_772, 195_114, 203_937, 0.188, 10.0],
];

type Mode = "off" | "degrade" | "shed";

function simulatorArgs(): string[] {
  const { options } = simulatorProfiles[PROFILE];
  const scaled = (tokens: number) => String(Math.max(1, Math.round(tokens / SPEED)));
  const { low, medium, high } = options.reasoningTokens;
  return [
    "--profile",
    PROFILE,
    "--speed",
    String(SPEED),
    "--tokens-per-second",
    String(options.tokensPerSecond / SPEED),
    "--answer-tokens",
    scaled(options.answerTokens),
    "--reasoning-tokens",
    [low, medium, high].map(scaled).join(","),
  ];
}

async function runLoadTest(url: string, mode: Mode): Promise<LoadTestLevelResult[]> {
  await adminCall(url, "POST", "/admin/assistants/bench", { sla: { control: mode } });
  const started = (await adminCall(url, "POST", "/admin/loadtests", {
    assistant_id: "bench",
    label: `sla ${mode}`,
    endpoint: "ask",
    user_levels: USERS,
    duration_seconds: SECONDS,
    request_timeout_seconds: Math.ceil((4 * SLA_MS) / SPEED / 1000),
  })) as LoadTestDto;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const run = (await adminCall(url, "GET", `/admin/loadtests/${started.id}`)) as LoadTestDto;
    const running = run.levels.find((level) => level.status === "running");
    if (running) progress(`${mode}: ${running.users} users`);
    if (["completed", "stopped", "failed", "interrupted"].includes(run.status)) {
      if (run.status !== "completed") throw new Error(`the ${mode} run ended ${run.status}: ${run.error}`);
      return run.levels.map((level) => {
        if (!level.result) throw new Error(`the ${mode} run has no result at ${level.users} users`);
        if (level.result.successes === 0) {
          throw new Error(
            `no answer at all in the ${mode} run at ${level.users} users: ${JSON.stringify(level.result.errors_by_class)}`,
          );
        }
        return level.result;
      });
    }
  }
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
/** A measured time scaled back to the reference's clock. */
const real = (ms: number | null) => (ms === null ? null : ms * SPEED);
const percent = (share: number | null) => (share === null ? null : `${(share * 100).toFixed(1)} %`);
const perMinute = (value: number | null) => (value === null ? null : Math.round((value / SPEED) * 10) / 10);

function table(mode: Mode, results: LoadTestLevelResult[]) {
  const rows: Cell[][] = [];
  results.forEach((result, i) => {
    const [users, avg, median, p90, p95, p99, errors, throughput] = REFERENCE[i]!;
    const r = result.response_ms;
    rows.push([
      users,
      "Hearth",
      seconds(real(r.avg)),
      seconds(real(r.median)),
      seconds(real(r.p90)),
      seconds(real(r.p95)),
      seconds(real(r.p99)),
      percent(result.error_rate),
      perMinute(result.throughput_per_min),
      perMinute(result.goodput_per_min),
      result.sla_control?.degraded ?? null,
      seconds(real(result.sla_control?.prediction_error_ms ?? null)),
      (r.avg ?? Infinity) * SPEED <= SLA_MS ? "yes" : "no",
    ]);
    rows.push([
      users,
      "reference",
      seconds(avg),
      seconds(median),
      seconds(p90),
      seconds(p95),
      seconds(p99),
      percent(errors),
      throughput,
      null,
      null,
      null,
      avg <= SLA_MS ? "yes" : "no",
    ]);
  });
  printTable(
    `sla.control ${mode} (times in s at the reference's clock; answers per minute likewise)`,
    [
      "users",
      "source",
      "avg",
      "median",
      "p90",
      "p95",
      "p99",
      "errors",
      "answers/min",
      "within SLA/min",
      "degraded",
      "prediction error (median)",
      "avg within 90 s",
    ],
    rows,
  );
}

/** The largest response time of answers that started (answered), at the reference's clock. */
const slowest = (result: LoadTestLevelResult) => real(result.response_ms.max);

async function main() {
  printHeader("bench:sla", "SLA control against the reference report, GPT-OSS-20B on 2 x A6000 (simulated)", {
    profile: `${PROFILE}, two instances`,
    speed: SPEED,
    "seconds per level": SECONDS,
    users: USERS.join(", "),
    "SLA (avg)": `${SLA_MS / 1000} s`,
    ladder: `reasoning low, then max_output_tokens ${Math.round(512 / SPEED)}`,
  });
  const simulators = await Promise.all([
    startSimulatorProcess(simulatorArgs()),
    startSimulatorProcess(simulatorArgs()),
  ]);
  const hearth = await startHearth({});
  try {
    for (const [i, simulator] of simulators.entries()) {
      await adminCall(hearth.url, "POST", "/admin/backends", {
        name: `a6000-${i + 1}`,
        kind: "openai_compatible",
        base_url: `${simulator.url}/v1`,
        models: ["gpt-oss-20b"],
        max_concurrency: 32,
      });
    }
    await adminCall(hearth.url, "POST", "/admin/assistants", {
      id: "bench",
      model: "gpt-oss-20b",
      instructions: "Answer the question.",
      generation: { reasoning_effort: "medium" },
      sla: {
        avg_ms: Math.round(SLA_MS / SPEED),
        control: "off",
        degradation: [{ reasoning_effort: "low" }, { max_output_tokens: Math.round(512 / SPEED) }],
      },
    });
    const results: Partial<Record<Mode, LoadTestLevelResult[]>> = {};
    for (const mode of MODES) {
      results[mode] = await runLoadTest(hearth.url, mode);
      table(mode, results[mode]);
    }
    if (!results.off || !results.degrade || !results.shed) return; // a partial run (MODES): no verdicts
    const off = results.off;
    const degrade = results.degrade;
    const verdicts: Cell[][] = [
      [
        "off: averages within ±15 % of the reference",
        off
          .map((result, i) => {
            const deviation = ((real(result.response_ms.avg) ?? 0) / REFERENCE[i]![1] - 1) * 100;
            return `${deviation >= 0 ? "+" : ""}${deviation.toFixed(0)} %`;
          })
          .join(" / "),
        off.every((result, i) => Math.abs((real(result.response_ms.avg) ?? 0) / REFERENCE[i]![1] - 1) <= 0.15)
          ? "met"
          : "missed",
      ],
      [
        "degrade: every average within the SLA",
        degrade.map((result) => `${seconds(real(result.response_ms.avg))} s`).join(" / "),
        degrade.every((result) => (real(result.response_ms.avg) ?? Infinity) <= SLA_MS) ? "met" : "missed",
      ],
      [
        "degrade: error rate at most 1 %",
        degrade.map((result) => percent(result.error_rate)).join(" / "),
        degrade.every((result) => result.error_rate <= 0.01) ? "met" : "missed",
      ],
      [
        "degrade: goodput at 25 users at least 2 x off's",
        `${perMinute(degrade.at(-1)!.goodput_per_min)} vs ${perMinute(off.at(-1)!.goodput_per_min)} per min`,
        (degrade.at(-1)!.goodput_per_min ?? 0) >= 2 * (off.at(-1)!.goodput_per_min ?? 0) ? "met" : "missed",
      ],
      [
        "shed: every answer that starts meets the SLA (slowest answer)",
        results.shed.map((result) => `${seconds(slowest(result))} s`).join(" / "),
        results.shed.every((result) => (slowest(result) ?? 0) <= SLA_MS) ? "met" : "missed",
      ],
    ];
    printTable("Targets", ["target", "measured (5 / 10 / 15 / 25 users)", "verdict"], verdicts);
  } finally {
    hearth.stop();
    await Promise.all(simulators.map((simulator) => simulator.stop()));
  }
}

await main();
