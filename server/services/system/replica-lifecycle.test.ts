// A replica's life among others: a shutdown drains it (readiness says draining, new questions are
// refused with 503 and Retry-After before anything is recorded, running answers finish within the
// grace or stop with an error event and a failed record, its ingestion jobs go back to the queue),
// and the answers a dead replica left in progress are marked failed by a survivor.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import { keyActor } from "../../test/actors";
import {
  collectEvents,
  createChatAssistant,
  registerSimulatorBackend,
  simulatorForFile,
} from "../../test/chat";
import { HANDBOOK_MD, stageFile } from "../../test/knowledge";
import { rejectionOf } from "../../test/rejection";
import { master } from "../../test/actors";
import type { ChatEvent } from "../chat/chat-events";
import { prepareExchange } from "../chat/prepare-exchange";
import { claimJob, releaseJobsOf } from "../knowledge/ingestion/ingestion-jobs";
import { uploadFiles } from "../knowledge/files/upload-files";
import { runExchange } from "../runtime/exchange/run-exchange";
import { checkHealth } from "./check-health";
import { drainReplica, signalHandler } from "./graceful-shutdown";
import { reapEarlierRuns, reapOrphanedExchanges } from "./reap-orphaned-exchanges";
import { heartbeat, replicaId } from "../cluster/replica";
import { runningExchanges, stopDraining } from "../cluster/shutdown-state";

// About 2 s per answer: long enough to shut down in the middle of one.
const simulator = simulatorForFile({ tokensPerSecond: 20, answerTokens: 40 });
const runtime = keyActor("runtime", ["support"]);

beforeEach(async () => {
  await registerSimulatorBackend(simulator());
  await createChatAssistant("support");
});

afterEach(() => {
  stopDraining();
});

async function startAnswer() {
  const prepared = await prepareExchange(runtime, "support", { message: "What is Hearth?", user: "alice" });
  const events = runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false });
  // Up to the first token of the answer: the exchange is recorded and streaming.
  const seen: ChatEvent[] = [];
  for (let step = await events.next(); !step.done; step = await events.next()) {
    seen.push(step.value);
    if (step.value.type === "output_text.delta") break;
  }
  return { prepared, events, seen };
}

const answerRow = (id: string) => getDb().message.findUniqueOrThrow({ where: { id } });

describe("draining for a shutdown", () => {
  test("running answers finish within the grace; new questions get 503 and nothing is recorded", async () => {
    const { prepared, events } = await startAnswer();
    expect((await answerRow(prepared.answerMessageId)).replicaId).toBe(replicaId());
    const drained = drainReplica(10_000);
    expect((await checkHealth("ready")).status).toBe("draining");
    expect((await checkHealth("live")).status).toBe("ok");
    const messagesBefore = await getDb().message.count();
    const refused = await rejectionOf<AppError>(
      prepareExchange(runtime, "support", { message: "Another question", user: "bob" }),
    );
    expect(refused.code).toBe("UNAVAILABLE");
    expect(refused.rateLimit?.retryAfterSeconds).toBe(1);
    expect(await getDb().message.count()).toBe(messagesBefore);
    const rest = await collectEvents(events);
    expect(rest.at(-1)?.type).toBe("response.completed");
    await drained;
    expect(runningExchanges()).toBe(0);
    expect((await answerRow(prepared.answerMessageId)).status).toBe("completed");
  });

  test("answers still running when the grace ends stop with an error event and a failed record", async () => {
    const { prepared, events } = await startAnswer();
    const drained = drainReplica(200);
    const rest = await collectEvents(events);
    const last = rest.at(-1);
    expect(last).toMatchObject({ type: "error", error: { code: "UNAVAILABLE" } });
    await drained;
    const row = await answerRow(prepared.answerMessageId);
    expect(row).toMatchObject({ status: "failed", errorCode: "UNAVAILABLE" });
    expect(row.errorMessage).toMatch(/restarted before the answer was finished/);
    expect(row.content.length).toBeGreaterThan(0);
  });

  test("the ingestion jobs a replica holds go back to the queue, without counting the attempt", async () => {
    await uploadFiles(master, "support", {
      files: [await stageFile("handbook.md", HANDBOOK_MD)],
      fields: {},
    });
    const claimed = await claimJob("replica-going-away");
    expect(claimed?.attempts).toBe(1);
    expect(await claimJob("another-replica")).toBeNull();
    expect(await releaseJobsOf("replica-going-away")).toBe(1);
    const again = await claimJob("another-replica");
    expect(again).toEqual({ id: claimed!.id, attempts: 1 });
  });
});

describe("signals", () => {
  test("the first drains then exits 0; a duplicate is ignored; a later one exits 1 at once", async () => {
    let clock = 0;
    const exits: number[] = [];
    let finishDrain!: () => void;
    const drained = new Promise<void>((resolve) => (finishDrain = resolve));
    let drains = 0;
    const onSignal = signalHandler(
      () => {
        drains += 1;
        return drained;
      },
      (code) => exits.push(code),
      () => clock,
    );
    onSignal("SIGINT");
    clock = 500;
    onSignal("SIGINT");
    expect([drains, exits]).toEqual([1, []]);
    clock = 5_000;
    onSignal("SIGTERM");
    expect(exits).toEqual([1]);
    finishDrain();
    await drained;
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1, 0]);
  });
});

describe("answers left by a dead replica", () => {
  test("are marked failed once its heartbeat is stale; a live replica's are not", async () => {
    const live = await startAnswer();
    await heartbeat();
    const dead = await startAnswer();
    const stale = new Date(Date.now() - 60_000);
    await getDb().replica.create({
      data: { id: "dead-replica", hostname: "gone", pid: 1, startedAt: stale, heartbeatAt: stale },
    });
    await getDb().message.update({
      where: { id: dead.prepared.answerMessageId },
      data: { replicaId: "dead-replica" },
    });
    // A replica that never recorded itself at all counts as dead too.
    const unknown = await startAnswer();
    await getDb().message.update({
      where: { id: unknown.prepared.answerMessageId },
      data: { replicaId: "never-seen" },
    });
    expect(await reapOrphanedExchanges()).toBe(2);
    expect(await answerRow(dead.prepared.answerMessageId)).toMatchObject({
      status: "failed",
      errorCode: "REPLICA_LOST",
    });
    expect((await answerRow(unknown.prepared.answerMessageId)).status).toBe("failed");
    expect((await answerRow(live.prepared.answerMessageId)).status).toBe("in_progress");
    await Promise.all([
      live.events.return(undefined),
      dead.events.return(undefined),
      unknown.events.return(undefined),
    ]);
  });
});

describe("answers left by an earlier run, on the embedded database", () => {
  test("are marked failed at start-up, with no heartbeat; this process's own are not", async () => {
    const own = await startAnswer();
    const earlier = await startAnswer();
    await getDb().message.update({
      where: { id: earlier.prepared.answerMessageId },
      data: { replicaId: "host-123-abcdef" },
    });
    expect(await reapEarlierRuns(replicaId())).toBe(1);
    expect(await answerRow(earlier.prepared.answerMessageId)).toMatchObject({
      status: "failed",
      errorCode: "REPLICA_LOST",
      errorDetail: "replica host-123-abcdef stopped (an earlier run)",
    });
    expect((await answerRow(own.prepared.answerMessageId)).status).toBe("in_progress");
    await Promise.all([own.events.return(undefined), earlier.events.return(undefined)]);
  });
});
