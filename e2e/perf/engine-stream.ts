// Benchmark (prints numbers; not a test): the OpenAI-compatible engine's own cost on the per-token
// path, at 1, 16 and 64 concurrent generations against the vLLM simulator.
//
//   npm run bench:engine
//   LEVELS=64 ROUNDS=10 COMPARE=./path/to/other-engine.ts npm run bench:engine
//
// The simulator runs in a child process, so the CPU time read from process.cpuUsage() is this
// process's alone: the engine (HTTP client, SSE parsing, JSON, timers, the async iteration) plus the
// benchmark's small loop. "direct" is the floor: a raw undici request that only looks for the first
// token in the bytes. Time to first token is from the call to the first reasoning or answer delta.
// COMPARE names a module exporting another `createOpenAiCompatibleEngine` (e.g. an older version
// restored from git into server/services/gateway/engines/) to measure side by side; rounds alternate
// between contenders so drift in the machine's load falls on all of them alike.
import path from "node:path";
import { Agent } from "undici";
import type { Engine } from "../../server/services/gateway/engines/engine";
import {
  createOpenAiCompatibleEngine,
  type OpenAiCompatibleOptions,
} from "../../server/services/gateway/engines/openai-compatible-engine";
import {
  percentile,
  printHeader,
  printTable,
  progress,
  startSimulatorProcess,
  type Cell,
} from "./bench-support";

const LEVELS = (process.env.LEVELS ?? "1,16,64").split(",").map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 8);
const MODEL = "gpt-oss-20b";
const PROMPT = [{ role: "user" as const, content: "How many users can one GPU serve?" }];

type EngineFactory = (options: OpenAiCompatibleOptions) => Engine & { close(): Promise<void> };

interface Contender {
  name: string;
  /** Runs one generation to its end; returns the time to first token and the tokens received. */
  run(): Promise<{ ttftMs: number; tokens: number }>;
  close(): Promise<void>;
}

interface Tally {
  ttft: number[];
  tokens: number;
  cpuMicros: number;
}

const TOKEN = /"(?:content|reasoning_content|reasoning)":"[^"]/g;

function direct(simUrl: string): Contender {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const body = JSON.stringify({ model: MODEL, stream: true, messages: PROMPT });
  return {
    name: "direct",
    async run() {
      const started = performance.now();
      const response = await agent.request({
        origin: simUrl,
        path: "/v1/chat/completions",
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      let ttftMs = -1;
      let tokens = 0;
      // The simulator's tokens are ASCII: no need to decode across chunk boundaries.
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        const found = chunk.toString("latin1").match(TOKEN)?.length ?? 0;
        if (found === 0) continue;
        if (ttftMs < 0) ttftMs = performance.now() - started;
        tokens += found;
      }
      return { ttftMs, tokens };
    },
    close: () => agent.close(),
  };
}

function throughEngine(name: string, create: EngineFactory, simUrl: string): Contender {
  const engine = create({
    baseUrl: `${simUrl}/v1`,
    connectTimeoutMs: 5_000,
    firstTokenTimeoutMs: 30_000,
    idleTimeoutMs: 30_000,
    totalTimeoutMs: 120_000,
  });
  return {
    name,
    async run() {
      const started = performance.now();
      let ttftMs = -1;
      let tokens = 0;
      const signal = new AbortController().signal;
      for await (const event of engine.generate({ model: MODEL, messages: PROMPT, signal })) {
        if (event.type !== "reasoning.delta" && event.type !== "output_text.delta") continue;
        if (ttftMs < 0) ttftMs = performance.now() - started;
        tokens++;
      }
      return { ttftMs, tokens };
    },
    close: () => engine.close(),
  };
}

async function round(contender: Contender, concurrency: number, tally: Tally) {
  const cpu = process.cpuUsage();
  const results = await Promise.all(Array.from({ length: concurrency }, () => contender.run()));
  const used = process.cpuUsage(cpu);
  tally.cpuMicros += used.user + used.system;
  for (const result of results) {
    if (result.ttftMs < 0) throw new Error(`${contender.name}: a stream had no token`);
    tally.ttft.push(result.ttftMs);
    tally.tokens += result.tokens;
  }
}

async function main() {
  const sim = await startSimulatorProcess([
    ...["--ttft-ms", "100", "--prefill-ms-per-token", "0", "--tokens-per-second", "200"],
    ...[
      "--max-batch",
      "256",
      "--batch-slowdown",
      "0",
      "--answer-tokens",
      "40",
      "--reasoning-tokens",
      "8,8,8",
    ],
  ]);
  const contenders = [direct(sim.url), throughEngine("engine", createOpenAiCompatibleEngine, sim.url)];
  if (process.env.COMPARE) {
    const other = (await import(path.resolve(process.env.COMPARE))) as {
      createOpenAiCompatibleEngine: EngineFactory;
    };
    contenders.push(throughEngine(`compare`, other.createOpenAiCompatibleEngine, sim.url));
  }
  try {
    for (const contender of contenders) await round(contender, 16, { ttft: [], tokens: 0, cpuMicros: 0 });
    printHeader("engine", "the OpenAI-compatible engine's own cost per token", {
      simulator: "child process, ttft 100 ms, 200 tok/s, 8 reasoning + 40 answer tokens",
      levels: `${LEVELS.join(", ")} concurrent generations, ${ROUNDS} rounds each`,
      contenders: contenders.map((contender) => contender.name).join(", "),
    });
    const rows: Cell[][] = [];
    for (const level of LEVELS) {
      progress(`${level} concurrent generations`);
      const tallies = new Map(contenders.map((c) => [c, { ttft: [], tokens: 0, cpuMicros: 0 }]));
      for (let r = 0; r < ROUNDS; r++) {
        const order = r % 2 === 0 ? contenders : [...contenders].reverse();
        for (const contender of order) await round(contender, level, tallies.get(contender)!);
      }
      const base = tallies.get(contenders[0]!)!;
      for (const [contender, tally] of tallies) {
        const p50 = percentile(tally.ttft, 50);
        const p99 = percentile(tally.ttft, 99);
        const isBase = contender === contenders[0];
        rows.push([
          level,
          contender.name,
          p50,
          p99,
          isBase ? null : p50 - percentile(base.ttft, 50),
          isBase ? null : p99 - percentile(base.ttft, 99),
          tally.cpuMicros / tally.tokens,
        ]);
      }
    }
    printTable(
      "Time to first token and CPU per token (added: over the raw request, `direct`)",
      ["streams", "contender", "ttft p50 ms", "ttft p99 ms", "added p50 ms", "added p99 ms", "CPU µs/token"],
      rows,
    );
  } finally {
    await Promise.all(contenders.map((contender) => contender.close()));
    await sim.stop();
  }
}

await main();
