// Hearth as deployed for high availability, on loopback: three replicas on one PostgreSQL
// database, files and vectors on an S3-compatible server, two vLLM simulators, HAProxy in front
// (e2e/cluster/support/cluster.ts). Shows that knowledge works across replicas, that a replica
// killed during ingestion or mid-answer leaves nothing behind, that a backend's max_concurrency
// holds across all replicas together, and that a rolling restart under steady load fails no
// request that had not started streaming and truncates no stream.
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { uploadOk, waitForIngestion } from "../support/knowledge-api";
import {
  createAssistant,
  type AskResponse,
  type SessionDetail,
  type StreamEventData,
} from "../support/runtime-api";
import { readSse } from "../support/sse";
import { MASTER_KEY, startCluster, type Cluster } from "./support/cluster";

test.describe.configure({ mode: "serial" });

let cluster: Cluster;
let api: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  cluster = await startCluster({ replicas: 3, maxConcurrency: 2 });
  api = await playwrightRequest.newContext({
    baseURL: cluster.url,
    extraHTTPHeaders: { authorization: `Bearer ${MASTER_KEY}` },
  });
  await createAssistant(api, "handbook", { model: cluster.model });
});

test.afterAll(async () => {
  await api?.dispose();
  await cluster?.stop();
});

/** An API context that talks to one replica directly, past the load balancer. */
const direct = (index: number) =>
  playwrightRequest.newContext({
    baseURL: cluster.replicas[index]!.url,
    extraHTTPHeaders: { authorization: `Bearer ${MASTER_KEY}` },
  });

const HANDBOOK = `# Employee handbook

## Holidays
Every employee gets 31 days of paid holiday a year at the Zephyr office, plus public holidays.

## Equipment
Laptops are replaced every four years.
`;

type Outcome = "completed" | "error" | "refused" | "truncated";

/** One streamed question through the load balancer, classified by how it ended. */
async function streamOnce(message: string): Promise<{ outcome: Outcome; detail: string }> {
  let response: Response;
  try {
    response = await fetch(`${cluster.url}/assistants/handbook/stream`, {
      method: "POST",
      headers: { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ message }),
    });
  } catch (error) {
    return { outcome: "refused", detail: (error as Error).message };
  }
  if (response.status !== 200 || !response.body) {
    return { outcome: "refused", detail: `${response.status} ${await response.text()}` };
  }
  let last: StreamEventData | null = null;
  try {
    for await (const item of readSse(response.body)) {
      if (item.kind === "event") last = JSON.parse(item.data) as StreamEventData;
    }
  } catch (error) {
    return { outcome: "truncated", detail: `body failed: ${(error as Error).message}` };
  }
  if (last?.type === "response.completed") return { outcome: "completed", detail: "" };
  if (last?.type === "error") return { outcome: "error", detail: JSON.stringify(last.error) };
  return { outcome: "truncated", detail: `last event ${last?.type ?? "none"}` };
}

/** `clients` virtual users asking one question after another until `until` resolves. */
async function steadyLoad(clients: number, until: Promise<unknown>) {
  let done = false;
  void until.finally(() => (done = true));
  const outcomes: { outcome: Outcome; detail: string }[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; !done; i++)
        outcomes.push(await streamOnce(`Client ${client}, question ${i}: holidays?`));
    }),
  );
  return outcomes;
}

const count = (outcomes: { outcome: Outcome }[], outcome: Outcome) =>
  outcomes.filter((entry) => entry.outcome === outcome).length;

test("a file uploaded through one replica answers, cited, through another", async () => {
  const first = await direct(0);
  const [file] = await uploadOk(first, "handbook", [{ name: "handbook.md", content: HANDBOOK }]);
  await first.dispose();
  const second = await direct(1);
  expect((await waitForIngestion(second, "handbook", file!.id)).status).toBe("completed");
  await second.dispose();
  const third = await direct(2);
  const response = await third.post("/assistants/handbook/ask", {
    data: { message: "How many days of paid holiday at the Zephyr office?" },
  });
  expect(response.status(), await response.text()).toBe(200);
  const answer = (await response.json()) as AskResponse;
  expect(answer.rag.decision).toBe("injected");
  expect(JSON.stringify(answer.citations)).toContain(file!.id);
  await third.dispose();
});

test("a change made through one replica holds on the others within 2 s", async () => {
  const first = await direct(0);
  const second = await direct(1);
  // Both replicas have the assistant cached.
  for (const api of [first, second]) {
    expect((await api.post("/assistants/handbook/ask", { data: { message: "Hello" } })).status()).toBe(200);
  }
  expect((await first.post("/admin/assistants/handbook/disable")).status()).toBe(200);
  const disabledAt = Date.now();
  await expect
    .poll(
      async () => (await second.post("/assistants/handbook/ask", { data: { message: "Hello?" } })).status(),
      {
        timeout: 2_000,
        intervals: [50],
      },
    )
    .toBe(409);
  console.log(`a disable on replica 0 held on replica 1 after ${Date.now() - disabledAt} ms`);
  expect((await first.post("/admin/assistants/handbook/enable")).status()).toBe(200);
  await expect
    .poll(
      async () => (await second.post("/assistants/handbook/ask", { data: { message: "Hello!" } })).status(),
      {
        timeout: 2_000,
        intervals: [50],
      },
    )
    .toBe(200);
  await first.dispose();
  await second.dispose();
});

test("a replica killed during ingestion: the file completes on another", async () => {
  test.setTimeout(180_000);
  // A large document keeps the ingestion busy for a while after the upload returns.
  const sections = Array.from(
    { length: 4_000 },
    (_, i) => `## Section ${i}\nPolicy ${i} covers the Zephyr office rule number ${i * 7} in detail.\n`,
  );
  const target = await direct(1);
  const [file] = await uploadOk(target, "handbook", [{ name: "policies.md", content: sections.join("\n") }]);
  await target.dispose();
  await cluster.kill(1);
  const done = await (async () => {
    const survivor = await direct(0);
    try {
      let status = "in_progress";
      const deadline = Date.now() + 90_000;
      while (status === "in_progress" && Date.now() < deadline) {
        const response = await survivor.get(`/assistants/handbook/files/${file!.id}`);
        status = ((await response.json()) as { status: string }).status;
        if (status === "in_progress") await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return status;
    } finally {
      await survivor.dispose();
    }
  })();
  expect(done).toBe("completed");
  await cluster.start(1);
  await cluster.waitUntilBalanced(1);
});

test("a replica killed mid-answer: the stream ends without completion, and a survivor marks it failed", async () => {
  test.setTimeout(180_000);
  for (const simulator of cluster.simulators)
    simulator.setFaults({ stall: { afterTokens: 3, durationMs: 30_000 } });
  const response = await fetch(`${cluster.replicas[2]!.url}/assistants/handbook/stream`, {
    method: "POST",
    headers: { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" },
    // With its reasoning: the first tokens GPT-OSS writes are reasoning.
    body: JSON.stringify({ message: "Tell me about equipment", reasoning: true }),
  });
  expect(response.status).toBe(200);
  const events: StreamEventData[] = [];
  let killed = false;
  try {
    for await (const item of readSse(response.body!)) {
      if (item.kind !== "event") continue;
      events.push(JSON.parse(item.data) as StreamEventData);
      if (!killed && events.some((event) => event.type.endsWith(".delta"))) {
        killed = true;
        await cluster.kill(2);
      }
    }
  } catch {
    // The connection dies with the replica.
  }
  for (const simulator of cluster.simulators) simulator.clearFaults();
  expect(killed).toBe(true);
  expect(events.some((event) => event.type === "response.completed" || event.type === "error")).toBe(false);
  const sessionId = events[0]!.session_id!;
  const started = Date.now();
  let status = "in_progress";
  while (status === "in_progress" && Date.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const detail = (await (
      await api.get(`/assistants/handbook/sessions/${sessionId}`)
    ).json()) as SessionDetail;
    status = detail.messages.find((message) => message.role === "assistant")?.status ?? "missing";
  }
  expect(status).toBe("failed");
  await cluster.start(2);
  await cluster.waitUntilBalanced(2);
});

test("a backend's max_concurrency holds across all replicas together", async () => {
  test.setTimeout(180_000);
  for (const simulator of cluster.simulators) simulator.setFaults({ slowStart: { extraMs: 300 } });
  const before = cluster.simulators.map((simulator) => simulator.stats().requests);
  const outcomes = await Promise.all(Array.from({ length: 24 }, (_, i) => streamOnce(`Burst question ${i}`)));
  for (const simulator of cluster.simulators) simulator.clearFaults();
  expect(
    count(outcomes, "completed"),
    JSON.stringify(outcomes.filter((o) => o.outcome !== "completed")),
  ).toBe(24);
  for (const [i, simulator] of cluster.simulators.entries()) {
    expect(simulator.stats().requests).toBeGreaterThan(before[i]!);
    expect(simulator.stats().peakInFlight).toBeLessThanOrEqual(2);
  }
});

test("SIGTERM drains: readiness 503 at once, new questions refused, the running answer finishes, exit 0", async () => {
  test.setTimeout(120_000);
  const replica = cluster.replicas[0]!;
  for (const simulator of cluster.simulators) simulator.setFaults({ slowStart: { extraMs: 3_000 } });
  const running = fetch(`${replica.url}/assistants/handbook/stream`, {
    method: "POST",
    headers: { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ message: "What about laptops?" }),
  });
  const response = await running;
  expect(response.status).toBe(200);
  const exited = cluster.terminate(0);
  await expect
    .poll(async () => (await fetch(`${replica.url}/health`)).status, { timeout: 5_000, intervals: [50] })
    .toBe(503);
  expect(await (await fetch(`${replica.url}/health`)).json()).toMatchObject({ status: "draining" });
  expect((await fetch(`${replica.url}/health?probe=live`)).status).toBe(200);
  const refused = await fetch(`${replica.url}/assistants/handbook/ask`, {
    method: "POST",
    headers: { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ message: "Another question" }),
  });
  expect(refused.status).toBe(503);
  expect(refused.headers.get("retry-after")).toBe("1");
  let last: StreamEventData | null = null;
  for await (const item of readSse(response.body!)) {
    if (item.kind === "event") last = JSON.parse(item.data) as StreamEventData;
  }
  for (const simulator of cluster.simulators) simulator.clearFaults();
  expect(last?.type).toBe("response.completed");
  expect(await exited).toBe(0);
  await cluster.start(0);
  await cluster.waitUntilBalanced(0);
});

test("a rolling restart of every replica under steady load fails no request before its stream", async () => {
  test.setTimeout(300_000);
  const restarts = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const replica of cluster.replicas) {
      expect(await cluster.terminate(replica.index)).toBe(0);
      await cluster.start(replica.index);
      await cluster.waitUntilBalanced(replica.index);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  })();
  const outcomes = await steadyLoad(6, restarts);
  await restarts;
  const problems = outcomes.filter((entry) => entry.outcome === "refused" || entry.outcome === "truncated");
  expect(problems, JSON.stringify(problems.slice(0, 5))).toEqual([]);
  expect(count(outcomes, "completed")).toBeGreaterThan(20);
  console.log(
    `rolling restart: ${outcomes.length} questions, ${count(outcomes, "completed")} completed, ` +
      `${count(outcomes, "error")} ended with an error event`,
  );
});
