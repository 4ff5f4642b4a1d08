// Benchmark (prints numbers; not a test): what cluster admission costs on the hot path. Time to
// first token of streamed answers at 64 concurrent streams (steady, closed loop) through Hearth on
// a PostgreSQL server, against the simulator straight, for:
// - 1 replica counting its own slots in memory (HEARTH_ADMISSION_SCOPE=replica: the baseline),
// - 1 replica taking its slots from PostgreSQL (cluster: one more round trip per question),
// - 3 replicas sharing the slots (cluster), the clients spread over them in turn.
// The replicas and the simulator share this machine's cores, so three web servers also compete
// for CPU with each other: the last row is what three replicas on one 2-core machine add, not
// what three machines would.
//
//   npm run build && npm run bench:cluster-admission
//   STREAMS=64 SECONDS=15 npm run bench:cluster-admission
import pg from "pg";
import {
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

const STREAMS = Number(process.env.STREAMS ?? 64);
const SECONDS = Number(process.env.SECONDS ?? 12);
const ADMIN_URL = process.env.HEARTH_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SIMULATOR = { ttftMs: 100, tokensPerSecond: 80, reasoningTokens: 32, answerTokens: 160 };

type Run = () => Promise<Sample>;

const viaHearth = (url: string) => () =>
  firstTokenOf(
    `${url}/assistants/bench/stream`,
    {
      headers: { "content-type": "application/json", authorization: `Bearer ${MASTER_KEY}` },
      body: JSON.stringify({ message: "How many users can one GPU serve?", reasoning: true }),
    },
    (line) => line.startsWith("event: reasoning.delta") || line.startsWith("event: output_text.delta"),
  );

/** `users` closed-loop users, each on the run it is given; samples of streams begun once all run. */
async function steady(runs: Run[], answerMs: number): Promise<Sample[]> {
  const started = performance.now();
  const measureFrom = started + answerMs;
  const until = measureFrom + SECONDS * 1000;
  const samples: Sample[] = [];
  await Promise.all(
    runs.map(async (run, user) => {
      await new Promise((resolve) => setTimeout(resolve, (user * answerMs) / runs.length));
      while (performance.now() < until) {
        const at = performance.now();
        const sample = await run();
        if (at >= measureFrom) samples.push(sample);
      }
    }),
  );
  return samples;
}

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hearth_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function measureSetup(
  simUrl: string,
  replicas: number,
  scope: "replica" | "cluster",
  answerMs: number,
): Promise<{ p50: number; p99: number; streams: number }> {
  const database = await freshDatabase();
  const env = {
    DATABASE_URL: database.url,
    HEARTH_ADMISSION_SCOPE: scope,
    HEARTH_AUTH_SECRET: "bench-auth-secret-0123456789abcdefghijklmnopqrstuv",
    HEARTH_LLM_BASE_URL: `${simUrl}/v1`,
    HEARTH_LLM_MODEL: "gpt-oss-20b",
    // As many as the simulator batches: this measures the admission's cost, not a queue.
    HEARTH_LLM_MAX_CONCURRENCY: "256",
  };
  const started = [await startHearth(env)];
  for (let i = 1; i < replicas; i++) started.push(await startHearth(env));
  try {
    const response = await fetch(`${started[0]!.url}/admin/assistants`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${MASTER_KEY}` },
      body: JSON.stringify({ id: "bench", name: "Benchmark", model: "gpt-oss-20b" }),
    });
    if (response.status !== 201) throw new Error(`assistant: ${response.status} ${await response.text()}`);
    // Warm-up on every replica: routes compiled, pools open, caches filled.
    for (const replica of started) await Promise.all(Array.from({ length: 8 }, viaHearth(replica.url)));
    const runs = Array.from({ length: STREAMS }, (_, user) => viaHearth(started[user % started.length]!.url));
    const samples = await steady(runs, answerMs);
    const ttft = samples.map((sample) => sample.ttftMs);
    return { p50: percentile(ttft, 50), p99: percentile(ttft, 99), streams: samples.length };
  } finally {
    for (const replica of started) replica.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await database.drop();
  }
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
  try {
    const answerMs = (await streamDirect(sim.url)).totalMs;
    printHeader("cluster-admission", "added time to first token of shared admission slots in PostgreSQL", {
      simulator: `child process, ttft ${SIMULATOR.ttftMs} ms, ${SIMULATOR.tokensPerSecond} tok/s per stream`,
      load: `${STREAMS} concurrent streams, steady ${SECONDS} s per setup, on a PostgreSQL server`,
    });
    progress("straight to the simulator");
    const direct = await steady(
      Array.from({ length: STREAMS }, () => () => streamDirect(sim.url)),
      answerMs,
    );
    const d = {
      p50: percentile(
        direct.map((s) => s.ttftMs),
        50,
      ),
      p99: percentile(
        direct.map((s) => s.ttftMs),
        99,
      ),
    };
    const rows: Cell[][] = [];
    for (const [replicas, scope] of [
      [1, "replica"],
      [1, "cluster"],
      [3, "cluster"],
    ] as const) {
      progress(`${replicas} replica(s), admission scope ${scope}`);
      const h = await measureSetup(sim.url, replicas, scope, answerMs);
      rows.push([replicas, scope, h.streams, d.p50, d.p99, h.p50, h.p99, h.p50 - d.p50, h.p99 - d.p99]);
    }
    printTable(
      "Time to first token, straight to the simulator (direct) and through Hearth",
      [
        "replicas",
        "admission",
        "streams",
        "direct p50 ms",
        "direct p99 ms",
        "Hearth p50 ms",
        "Hearth p99 ms",
        "added p50 ms",
        "added p99 ms",
      ],
      rows,
    );
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
