// Benchmark (prints numbers; not a test): time to first token and throughput of streamed answers
// through Hearth versus straight to the vLLM simulator, at 1, 16 and 64 concurrent streams.
//
//   npx tsx e2e/perf/chat-overhead.ts            # starts a simulator and a production Hearth
//   HEARTH_URL=http://localhost:3000 HEARTH_KEY=... SIM_URL=http://127.0.0.1:8000 npx tsx e2e/perf/chat-overhead.ts
//
// The simulator's own time to first token is constant, so the difference between the two paths is
// what Hearth adds: auth, validation, the session and message writes, the prompt, the proxying.
// The last column is Hearth's own view (timings.ttft_ms, from its handler to the first delta): the
// gap between it and the client's number is time spent before the handler and in delivery.
import { fetch } from "undici";
import { startSimulator } from "../../server/simulator/start-simulator";
import {
  agent,
  firstTokenOf,
  MASTER_KEY,
  percentile,
  startHearth,
  streamDirect,
  type Sample,
} from "./bench-support";

const LEVELS = (process.env.LEVELS ?? "1,16,64").split(",").map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 6);

const direct = (simUrl: string) => () => streamDirect(simUrl);

const viaHearth = (hearthUrl: string, key: string) => () =>
  firstTokenOf(
    `${hearthUrl}/assistants/bench/stream`,
    {
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ message: "How many users can one GPU serve?", reasoning: true }),
    },
    (line) => line.startsWith("event: reasoning.delta") || line.startsWith("event: output_text.delta"),
  );

async function measure(run: () => Promise<Sample>, concurrency: number) {
  const samples: Sample[] = [];
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    samples.push(...(await Promise.all(Array.from({ length: concurrency }, run))));
  }
  const seconds = (performance.now() - started) / 1000;
  const ttft = samples.map((sample) => sample.ttftMs);
  const server = samples.flatMap((sample) =>
    sample.serverTtftMs === undefined ? [] : [sample.serverTtftMs],
  );
  return {
    p50: percentile(ttft, 50),
    p99: percentile(ttft, 99),
    serverP50: server.length ? percentile(server, 50) : NaN,
    streamsPerSecond: samples.length / seconds,
  };
}

async function main() {
  const sim = process.env.SIM_URL
    ? null
    : await startSimulator({
        ttftMs: 100,
        prefillMsPerToken: 0,
        tokensPerSecond: 200,
        maxBatch: 256,
        batchSlowdown: 0,
        answerTokens: 40,
        reasoningTokens: { low: 8, medium: 8, high: 8 },
      });
  const simUrl = process.env.SIM_URL ?? sim!.url;
  const hearth = process.env.HEARTH_URL
    ? null
    : await startHearth({
        HEARTH_LLM_BASE_URL: `${simUrl}/v1`,
        HEARTH_LLM_MODEL: "gpt-oss-20b",
        // As many as the simulator batches: this measures Hearth's overhead, not its queue.
        HEARTH_LLM_MAX_CONCURRENCY: "256",
      });
  const hearthUrl = process.env.HEARTH_URL ?? hearth!.url;
  const key = process.env.HEARTH_KEY ?? MASTER_KEY;
  try {
    await fetch(`${hearthUrl}/admin/assistants`, {
      method: "POST",
      dispatcher: agent,
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ id: "bench", name: "Benchmark", model: "gpt-oss-20b" }),
    });
    await measure(viaHearth(hearthUrl, key), 4); // warm-up: compile routes, open pools
    await measure(direct(simUrl), 4);
    console.log(`rounds per level: ${ROUNDS}; simulator ttft 100 ms, 200 tok/s, batch 256`);
    console.log(
      "streams | direct ttft p50/p99 ms | hearth ttft p50/p99 ms | added p50/p99 ms | streams/s direct / hearth",
    );
    for (const level of LEVELS) {
      const d = await measure(direct(simUrl), level);
      const h = await measure(viaHearth(hearthUrl, key), level);
      console.log(
        `${String(level).padStart(7)} | ${d.p50.toFixed(1)} / ${d.p99.toFixed(1)} | ${h.p50.toFixed(1)} / ${h.p99.toFixed(1)} | ` +
          `${(h.p50 - d.p50).toFixed(1)} / ${(h.p99 - d.p99).toFixed(1)} | ${d.streamsPerSecond.toFixed(1)} / ${h.streamsPerSecond.toFixed(1)}` +
          ` | hearth's own ttft p50 ${h.serverP50.toFixed(0)} ms`,
      );
    }
  } finally {
    hearth?.stop();
    await sim?.stop();
    await agent.close();
  }
}

await main();
