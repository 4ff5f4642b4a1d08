// Benchmark (prints numbers; not a test): time to first token of streamed answers through Hearth
// versus straight to the vLLM simulator, at 1, 16 and 64 concurrent streams, and the CPU Hearth
// spends per answer.
//
//   npm run build && npm run bench:chat-overhead
//   LEVELS=64 SECONDS=20 npm run bench:chat-overhead
//
// Two loads per level, each measured straight to the simulator and then through Hearth:
// - steady: N users in a closed loop (each asks again as soon as its answer ends), their first
//   questions spread over one answer's duration, so N streams are always in flight; only streams
//   started once all N are running count. This is "N concurrent streams".
// - burst: N questions sent at the same instant, BURSTS times: the worst case of arrivals, where
//   the last of N waits for the N - 1 before it to be taken in.
// The simulator runs in its own process with a fixed time to first token, so the difference
// between the two paths is what Hearth adds: auth, validation, admission, the prompt, the
// proxying, and the recording of the exchange (which overlaps the model's prefill). Its latency
// model is one GPT-OSS-20B replica on a large GPU at this concurrency: 100 ms to first token,
// 80 tokens/s per stream, 32 reasoning + 160 answer tokens. "server" is Hearth's own view
// (timings.ttft_ms, from its handler to the first delta). CPU is read from /proc for Hearth's
// web server and, separately, its embedded database process. "no-op" is the framework's
// floor under the same load: a request that the stream's route answers at once without doing
// anything (GET on /assistants/bench/stream, a 405 from its own handler, past the same Next.js
// routing and without proxy.ts, as the stream itself) sent every 250 ms through the same server
// while the streams run; every request pays it. (Its CPU, about 4 ms a request, is in the CPU
// column: it matters only at 1 stream, where an idle server's background work — the backends'
// health probes — dominates that column anyway.)
import { fetch, request } from "undici";
import {
  agent,
  cpuMsOf,
  descendants,
  firstTokenOf,
  MASTER_KEY,
  percentile,
  printHeader,
  printTable,
  progress,
  startHearth,
  startSimulatorProcess,
  streamDirect,
  type Cell,
  type Sample,
} from "./bench-support";

const LEVELS = (process.env.LEVELS ?? "1,16,64").split(",").map(Number);
const SECONDS = Number(process.env.SECONDS ?? 12);
const BURSTS = Number(process.env.BURSTS ?? 4);
const MODES = (process.env.MODES ?? "steady,burst").split(",") as ("steady" | "burst")[];
const SIMULATOR = { ttftMs: 100, tokensPerSecond: 80, reasoningTokens: 32, answerTokens: 160 };

const direct = (simUrl: string) => () => streamDirect(simUrl);

const viaHearth = (hearthUrl: string) => () =>
  firstTokenOf(
    `${hearthUrl}/assistants/bench/stream`,
    {
      headers: { "content-type": "application/json", authorization: `Bearer ${MASTER_KEY}` },
      body: JSON.stringify({ message: "How many users can one GPU serve?", reasoning: true }),
    },
    (line) => line.startsWith("event: reasoning.delta") || line.startsWith("event: output_text.delta"),
  );

type Run = () => Promise<Sample>;

/** N closed-loop users, started over one answer's duration; samples of streams begun once all run. */
async function steady(run: Run, users: number, answerMs: number): Promise<Sample[]> {
  const started = performance.now();
  const measureFrom = started + answerMs;
  const until = measureFrom + SECONDS * 1000;
  const samples: Sample[] = [];
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      await new Promise((resolve) => setTimeout(resolve, (user * answerMs) / users));
      while (performance.now() < until) {
        const at = performance.now();
        const sample = await run();
        if (at >= measureFrom) samples.push(sample);
      }
    }),
  );
  return samples;
}

async function burst(run: Run, users: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let round = 0; round < BURSTS; round++) {
    samples.push(...(await Promise.all(Array.from({ length: users }, run))));
  }
  return samples;
}

interface Measured {
  p50: number;
  p99: number;
  serverP50: number;
  streamsPerSecond: number;
  /** Every stream run, including those of the ramp-up that the percentiles leave out. */
  streams: number;
}

async function measure(load: (run: Run) => Promise<Sample[]>, run: Run): Promise<Measured> {
  let streams = 0;
  const counted = () => run().finally(() => (streams += 1));
  const started = performance.now();
  const samples = await load(counted);
  const seconds = (performance.now() - started) / 1000;
  const ttft = samples.map((sample) => sample.ttftMs);
  const server = samples.flatMap((sample) =>
    sample.serverTtftMs === undefined ? [] : [sample.serverTtftMs],
  );
  return {
    p50: percentile(ttft, 50),
    p99: percentile(ttft, 99),
    serverP50: server.length ? percentile(server, 50) : NaN,
    streamsPerSecond: streams / seconds,
    streams,
  };
}

/** Times a no-op request through Hearth every 250 ms until `until` settles. */
async function probeNoop(hearthUrl: string, until: Promise<unknown>): Promise<number[]> {
  let running = true;
  void until.finally(() => (running = false));
  const times: number[] = [];
  while (running) {
    const started = performance.now();
    const response = await request(`${hearthUrl}/assistants/bench/stream`, { dispatcher: agent });
    await response.body.text();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return times;
}

async function main() {
  const sim = await startSimulatorProcess([
    ...["--ttft-ms", String(SIMULATOR.ttftMs), "--prefill-ms-per-token", "0"],
    ...[
      "--tokens-per-second",
      String(SIMULATOR.tokensPerSecond),
      "--max-batch",
      "256",
      "--batch-slowdown",
      "0",
    ],
    ...["--answer-tokens", String(SIMULATOR.answerTokens)],
    ...["--reasoning-tokens", Array(3).fill(SIMULATOR.reasoningTokens).join(",")],
  ]);
  const hearth = await startHearth({
    HEARTH_LLM_BASE_URL: `${sim.url}/v1`,
    HEARTH_LLM_MODEL: "gpt-oss-20b",
    // As many as the simulator batches: this measures Hearth's overhead, not its queue.
    HEARTH_LLM_MAX_CONCURRENCY: "256",
  });
  const processes = descendants(hearth.pid);
  const web = processes.find((process) => process.command.includes("next"))!.pid;
  const db = processes.find((process) => process.command.includes("embedded-db"))?.pid;
  try {
    await fetch(`${hearth.url}/admin/assistants`, {
      method: "POST",
      dispatcher: agent,
      headers: { "content-type": "application/json", authorization: `Bearer ${MASTER_KEY}` },
      body: JSON.stringify({ id: "bench", name: "Benchmark", model: "gpt-oss-20b" }),
    });
    // Warm-up: compiles the routes, opens the pools, and times one answer for the stagger.
    await burst(viaHearth(hearth.url), 8);
    const answerMs = (await direct(sim.url)()).totalMs;
    printHeader("chat-overhead", "time to first token through Hearth versus straight to the vLLM simulator", {
      simulator:
        `child process, ttft ${SIMULATOR.ttftMs} ms, ${SIMULATOR.tokensPerSecond} tok/s per stream, ` +
        `${SIMULATOR.reasoningTokens} reasoning + ${SIMULATOR.answerTokens} answer tokens (one answer ${Math.round(answerMs)} ms)`,
      loads: `steady ${SECONDS} s per level; burst ${BURSTS} rounds; levels ${LEVELS.join(", ")} streams`,
    });
    const latency: Cell[][] = [];
    const cost: Cell[][] = [];
    for (const mode of MODES) {
      for (const level of LEVELS) {
        progress(`${mode}, ${level} streams`);
        const load = (run: Run) => (mode === "steady" ? steady(run, level, answerMs) : burst(run, level));
        const d = await measure(load, direct(sim.url));
        const cpuBefore = { web: cpuMsOf(web), db: db ? cpuMsOf(db) : 0 };
        const measuring = measure(load, viaHearth(hearth.url));
        const [h, noop] = await Promise.all([measuring, probeNoop(hearth.url, measuring)]);
        const webCpu = (cpuMsOf(web) - cpuBefore.web) / h.streams;
        const dbCpu = db ? (cpuMsOf(db) - cpuBefore.db) / h.streams : 0;
        latency.push([mode, level, d.p50, d.p99, h.p50, h.p99, h.p50 - d.p50, h.p99 - d.p99, h.serverP50]);
        cost.push([
          mode,
          level,
          d.streamsPerSecond,
          h.streamsPerSecond,
          webCpu,
          dbCpu,
          percentile(noop, 50),
          percentile(noop, 99),
        ]);
      }
    }
    printTable(
      "Time to first token, straight to the simulator (direct) and through Hearth (server: Hearth's own timings.ttft_ms)",
      [
        "load",
        "streams",
        "direct p50 ms",
        "direct p99 ms",
        "hearth p50 ms",
        "hearth p99 ms",
        "added p50 ms",
        "added p99 ms",
        "server p50 ms",
      ],
      latency,
    );
    printTable(
      "Throughput, Hearth's CPU per answer (web server, embedded database), and the no-op route's latency",
      [
        "load",
        "streams",
        "direct streams/s",
        "hearth streams/s",
        "web CPU ms/answer",
        "db CPU ms/answer",
        "no-op p50 ms",
        "no-op p99 ms",
      ],
      cost,
    );
  } finally {
    hearth.stop();
    await sim.stop();
    await agent.close();
  }
}

await main();
