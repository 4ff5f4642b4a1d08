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
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Agent, fetch } from "undici";
import { startSimulator } from "../../server/simulator/start-simulator";

const LEVELS = (process.env.LEVELS ?? "1,16,64").split(",").map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const MASTER_KEY = "bench-master-key-0123456789abcdefghijklmnop";
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 512 });

interface Sample {
  ttftMs: number;
  totalMs: number;
  /** Hearth's own view of the time to first token (timings.ttft_ms), when it reports one. */
  serverTtftMs?: number;
}

async function firstTokenOf(
  url: string,
  init: { headers: Record<string, string>; body: string },
  isToken: (line: string) => boolean,
): Promise<Sample> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: init.headers,
    body: init.body,
    dispatcher: agent,
  });
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  let ttftMs = -1;
  let buffer = "";
  let all = "";
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    const text = decoder.decode(chunk as Uint8Array, { stream: true });
    all += text;
    buffer += text;
    if (ttftMs < 0 && buffer.split("\n").some(isToken)) ttftMs = performance.now() - started;
    buffer = buffer.slice(buffer.lastIndexOf("\n") + 1);
  }
  if (ttftMs < 0) throw new Error(`${url}: no token received:\n${all.slice(0, 2000)}`);
  const serverTtft = /"ttft_ms":(\d+)/.exec(all)?.[1];
  return {
    ttftMs,
    totalMs: performance.now() - started,
    serverTtftMs: serverTtft ? Number(serverTtft) : undefined,
  };
}

const direct = (simUrl: string) => () =>
  firstTokenOf(
    `${simUrl}/v1/chat/completions`,
    {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: "gpt-oss-20b",
        stream: true,
        messages: [{ role: "user", content: "How many users can one GPU serve?" }],
      }),
    },
    (line) => line.startsWith("data: {") && /"(content|reasoning_content)":"[^"]/.test(line),
  );

const viaHearth = (hearthUrl: string, key: string) => () =>
  firstTokenOf(
    `${hearthUrl}/assistants/bench/stream`,
    {
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ message: "How many users can one GPU serve?", reasoning: true }),
    },
    (line) => line.startsWith("event: reasoning.delta") || line.startsWith("event: output_text.delta"),
  );

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

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

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { dispatcher: agent })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

async function startHearth(simBaseUrl: string): Promise<{ url: string; stop: () => void }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hearth-bench-"));
  const port = 3300 + Math.floor(Math.random() * 500);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/cli/start.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      HEARTH_DATA_DIR: dataDir,
      HEARTH_MASTER_KEY: MASTER_KEY,
      HEARTH_LLM_BASE_URL: simBaseUrl,
      HEARTH_LLM_MODEL: "gpt-oss-20b",
      LOG_LEVEL: "warn",
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health`, 120_000);
  return {
    url,
    stop: () => {
      child.kill("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
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
  const hearth = process.env.HEARTH_URL ? null : await startHearth(`${simUrl}/v1`);
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
