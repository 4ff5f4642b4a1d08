// Benchmark (prints numbers; not a test): the gateway with two simulated vLLM backends versus one.
//
//   npm run build && npm run bench:gateway    # starts two simulators and Hearth
//
// 1. Throughput and latency: USERS closed-loop users stream answers for SECONDS, first with one
//    backend enabled, then with both. Each simulator decodes at most 8 requests at once (vLLM's
//    --max-num-seqs) and each backend takes 8 (max_concurrency), so one backend saturates and the
//    rest wait in Hearth's queue. "added" is Hearth's time to first token minus the simulator's own
//    (measured straight against it, unloaded).
// 2. Failover: with both backends under load, one simulator is killed. Printed: how long until the
//    gateway marks it down, how many requests failed before their first token (target: none), how
//    many streams that were already answering ended with an error event (they must, explicitly),
//    then how long until the restarted simulator is readmitted. Then it is killed again with no
//    traffic, where only the health probes can notice (target: out of rotation within 10 s).
import { fetch } from "undici";
import { startSimulator, type SimulatorHandle } from "../../server/simulator/start-simulator";
import {
  adminCall,
  agent,
  MASTER_KEY,
  percentile,
  printHeader,
  printTable,
  progress,
  startHearth,
  streamDirect,
  type Cell,
} from "./bench-support";

const USERS = Number(process.env.USERS ?? 24);
const SECONDS = Number(process.env.SECONDS ?? 15);
const SIMULATOR = {
  ttftMs: 150,
  prefillMsPerToken: 0,
  tokensPerSecond: 60,
  maxBatch: 8,
  batchSlowdown: 0.3,
  answerTokens: 40,
  reasoningTokens: { low: 8, medium: 8, high: 8 },
};

interface Backend {
  id: string;
  name: string;
  health: { state: string } | null;
}

const isToken = (line: string) =>
  line.startsWith("event: reasoning.delta") || line.startsWith("event: output_text.delta");

/** One streamed question; what happened to it. */
async function streamOnce(hearthUrl: string) {
  const started = performance.now();
  const response = await fetch(`${hearthUrl}/assistants/bench/stream`, {
    method: "POST",
    dispatcher: agent,
    headers: { "content-type": "application/json", authorization: `Bearer ${MASTER_KEY}` },
    body: JSON.stringify({ message: "How many users can one GPU serve?", reasoning: true }),
  });
  if (!response.ok || !response.body) {
    await response.text();
    return {
      kind: response.status === 429 ? "rejected" : "failed-before",
      ttftMs: null,
      queueMs: null,
    } as const;
  }
  let ttftMs: number | null = null;
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    text += decoder.decode(chunk as Uint8Array, { stream: true });
    if (ttftMs === null && text.split("\n").some(isToken)) ttftMs = performance.now() - started;
  }
  const queueMs = Number(/"queue_ms":(\d+)/.exec(text)?.[1] ?? NaN);
  if (text.includes("event: error")) {
    if (process.env.VERBOSE)
      console.error(text.slice(text.indexOf("event: error"), text.indexOf("event: error") + 300));
    return { kind: ttftMs === null ? "failed-before" : "failed-after", ttftMs, queueMs } as const;
  }
  return { kind: "ok", ttftMs, queueMs, totalMs: performance.now() - started } as const;
}

type Outcome = Awaited<ReturnType<typeof streamOnce>>;

/** USERS users asking in a closed loop until `until()` says stop. */
async function load(
  hearthUrl: string,
  until: () => boolean,
): Promise<{ outcomes: Outcome[]; seconds: number }> {
  const outcomes: Outcome[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async () => {
      while (!until()) outcomes.push(await streamOnce(hearthUrl));
    }),
  );
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}

/** A throughput row: answers/s, time to first token and what Hearth added to it, queue time, errors. */
function summary(outcomes: Outcome[], seconds: number, baselineTtft: number): Cell[] {
  const ok = outcomes.filter((outcome) => outcome.kind === "ok");
  const ttft = ok.map((outcome) => outcome.ttftMs ?? NaN);
  const queue = ok.map((outcome) => outcome.queueMs ?? NaN);
  return [
    ok.length / seconds,
    percentile(ttft, 50),
    percentile(ttft, 99),
    percentile(ttft, 50) - baselineTtft,
    percentile(ttft, 99) - baselineTtft,
    percentile(queue, 99),
    outcomes.length - ok.length,
  ];
}

async function stateOf(hearthUrl: string, name: string): Promise<string | undefined> {
  const list = (await adminCall(hearthUrl, "GET", "/admin/backends")) as { data: Backend[] };
  return list.data.find((backend) => backend.name === name)?.health?.state;
}

async function timeUntil(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) return NaN;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return performance.now() - started;
}

async function main() {
  const simA = await startSimulator(SIMULATOR);
  let simB: SimulatorHandle = await startSimulator(SIMULATOR);
  const hearth = await startHearth({});
  try {
    await adminCall(hearth.url, "POST", "/admin/backends", {
      name: "sim-a",
      kind: "openai_compatible",
      base_url: simA.baseUrl,
      models: ["gpt-oss-20b"],
      max_concurrency: 8,
    });
    const b = (await adminCall(hearth.url, "POST", "/admin/backends", {
      name: "sim-b",
      kind: "openai_compatible",
      base_url: simB.baseUrl,
      models: ["gpt-oss-20b"],
      max_concurrency: 8,
      enabled: false,
    })) as Backend;
    await adminCall(hearth.url, "POST", "/admin/assistants", {
      id: "bench",
      name: "Benchmark",
      model: "gpt-oss-20b",
    });

    const baseline = await streamDirect(simA.url);
    await Promise.all(Array.from({ length: 4 }, () => streamOnce(hearth.url))); // warm-up
    printHeader("gateway", "two simulated vLLM backends against one, and failover when one dies", {
      load: `${USERS} closed-loop users, ${SECONDS} s per phase`,
      simulators:
        `ttft ${SIMULATOR.ttftMs} ms, ${SIMULATOR.tokensPerSecond} tok/s, batch ${SIMULATOR.maxBatch} each; ` +
        `own ttft ${Math.round(baseline.ttftMs)} ms, unloaded`,
    });

    progress("one backend");
    let deadline = Date.now() + SECONDS * 1000;
    const one = await load(hearth.url, () => Date.now() > deadline);

    await adminCall(hearth.url, "POST", `/admin/backends/${b.id}`, { enabled: true });
    await timeUntil(async () => (await stateOf(hearth.url, "sim-b")) === "healthy");
    progress("two backends");
    deadline = Date.now() + SECONDS * 1000;
    const two = await load(hearth.url, () => Date.now() > deadline);
    printTable(
      "Throughput and time to first token (added: over the simulator's own)",
      [
        "backends",
        "answers/s",
        "ttft p50 ms",
        "ttft p99 ms",
        "added p50 ms",
        "added p99 ms",
        "queue p99 ms",
        "errors",
      ],
      [
        [1, ...summary(one.outcomes, one.seconds, baseline.ttftMs)],
        [2, ...summary(two.outcomes, two.seconds, baseline.ttftMs)],
      ],
    );

    // Failover: kill B under load.
    progress("failover: killing sim-b under load");
    let stop = false;
    const during = load(hearth.url, () => stop);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const port = simB.port;
    await simB.stop();
    const ejectMs = await timeUntil(async () => (await stateOf(hearth.url, "sim-b")) === "down");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    simB = await startSimulator({ ...SIMULATOR, port });
    const readmitMs = await timeUntil(async () => (await stateOf(hearth.url, "sim-b")) === "healthy");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stop = true;
    const killed = await during;
    const count = (kind: Outcome["kind"]) =>
      killed.outcomes.filter((outcome) => outcome.kind === kind).length;

    // With no traffic only the probes can notice: kill B again while idle.
    progress("failover: killing sim-b while idle");
    const idlePort = simB.port;
    await simB.stop();
    const idleEjectMs = await timeUntil(async () => (await stateOf(hearth.url, "sim-b")) === "down");
    simB = await startSimulator({ ...SIMULATOR, port: idlePort });
    printTable(
      "Failover: sim-b killed (targets: no request fails before its first token; idle, down within 10 s)",
      [
        "sim-b killed",
        "down after s",
        "readmitted after s",
        "requests",
        "ok",
        "failed before first token",
        "cut mid-answer",
        "429",
      ],
      [
        [
          "under load",
          ejectMs / 1000,
          readmitMs / 1000,
          killed.outcomes.length,
          count("ok"),
          count("failed-before"),
          count("failed-after"),
          count("rejected"),
        ],
        ["while idle", idleEjectMs / 1000, null, null, null, null, null, null],
      ],
    );
  } finally {
    hearth.stop();
    await Promise.all([simA.stop(), simB.stop()]);
    await agent.close();
  }
}

await main();
