// GET /telemetry's figures, from stored answers: counts by outcome and error class, percentiles,
// SLA compliance and throughput per window, per assistant and per backend; and who may read them.
import { describe, expect, test } from "vitest";
import { getDb } from "@/server/db/client";
import type { AppError } from "@/server/errors";
import { createUserActor, keyActor, master } from "@/server/test/actors";
import { createChatAssistant, registerSimulatorBackend, simulatorForFile } from "@/server/test/chat";
import { rejectionOf } from "@/server/test/rejection";
import { updateAssistant } from "../assistants/update-assistant";
import { askAssistant } from "../runtime/ask-assistant";
import { giveFeedback } from "../sessions/give-feedback";
import { readTelemetry } from "./read-telemetry";

const simulator = simulatorForFile();
const ask = (assistantId: string, message = "Hello") =>
  askAssistant(master, assistantId, { message, reasoning: false }, new AbortController().signal);

describe("readTelemetry", () => {
  test("counts answers by outcome and class, with percentiles, SLA compliance and per-backend figures", async () => {
    const backend = await registerSimulatorBackend(simulator(), { name: "tele-sim" });
    await createChatAssistant("tele");
    await updateAssistant(master, "tele", { sla: { avg_ms: 60_000 } });
    for (let i = 0; i < 4; i++) await ask("tele");
    simulator().setFaults({ error: { status: 500, next: 1 } });
    await ask("tele").catch(() => undefined);
    simulator().clearFaults();
    // An answer from two hours ago is outside every window.
    await getDb()
      .message.updateMany({
        where: { assistantId: "tele", role: "assistant" },
        data: { createdAt: new Date(Date.now() - 2 * 3_600_000) },
      })
      .then(() => undefined);
    await ask("tele");
    await ask("tele");

    const telemetry = await readTelemetry(await createUserActor("viewer"));
    const tele = telemetry.assistants.find((assistant) => assistant.assistant_id === "tele")!;
    const hour = tele.windows["1h"];
    expect(hour).toMatchObject({ requests: 2, completed: 2, failed: 0, error_rate: 0, sla_compliance: 1 });
    expect(hour.response_ms.p50).toBeGreaterThan(0);
    expect(hour.response_ms.p99).toBeGreaterThanOrEqual(hour.response_ms.p50!);
    expect(hour.ttft_ms.avg).toBeGreaterThan(0);
    expect(hour.tokens_per_second).toBeGreaterThan(0);
    expect(hour.throughput_per_minute).toBeCloseTo(2 / 60, 2);
    expect(tele.windows["1m"].requests).toBe(2);

    const sim = telemetry.backends.find((item) => item.backend_id === backend.id)!;
    expect(sim).toMatchObject({ name: "tele-sim", enabled: true, in_flight: 0 });
    expect(sim.windows["15m"].completed).toBe(2);
  });

  test("failures are classed, and an empty window is all zeros", async () => {
    await registerSimulatorBackend(simulator(), { name: "tele-sim-2" });
    await createChatAssistant("flaky");
    await createChatAssistant("idle");
    simulator().setFaults({ error: { status: 500, next: 2 } });
    await ask("flaky").catch(() => undefined);
    await ask("flaky").catch(() => undefined);
    simulator().clearFaults();
    await ask("flaky");

    const telemetry = await readTelemetry(master);
    const flaky = telemetry.assistants.find((assistant) => assistant.assistant_id === "flaky")!.windows["1h"];
    expect(flaky).toMatchObject({ requests: 3, completed: 1, failed: 2, errors: { upstream: 2 } });
    expect(flaky.error_rate).toBeCloseTo(2 / 3, 3);
    const idle = telemetry.assistants.find((assistant) => assistant.assistant_id === "idle")!.windows["1h"];
    expect(idle).toMatchObject({ requests: 0, error_rate: 0, sla_compliance: null, tokens_per_second: null });
    expect(idle.response_ms).toEqual({ avg: null, p50: null, p90: null, p95: null, p99: null });
  });

  test("under SLA control: answers controlled, degraded, what degrading bought, shed, the prediction's error", async () => {
    await registerSimulatorBackend(simulator(), { name: "tele-sim-3" });
    await createChatAssistant("ctl");
    await updateAssistant(master, "ctl", { sla: { avg_ms: 60_000, control: "degrade" } });
    const answers = [await ask("ctl"), await ask("ctl"), await ask("ctl")];
    const recorded = async (id: string, totalMs: number, predictedMs: number, degraded: boolean) =>
      getDb().message.update({
        where: { id },
        data: {
          totalMs,
          sla: {
            target_ms: 60_000,
            predicted_ms: predictedMs,
            degraded: degraded ? [{ reasoning_effort: "low" }] : [],
            met: totalMs <= 60_000,
          },
        },
      });
    await recorded(answers[0]!.message_id, 50_000, 48_000, true);
    await recorded(answers[1]!.message_id, 70_000, 58_000, true);
    await recorded(answers[2]!.message_id, 30_000, 34_000, false);
    const shed = await getDb().message.findUniqueOrThrow({ where: { id: answers[2]!.message_id } });
    await getDb().message.create({
      data: {
        ...shed,
        id: `${shed.id}_shed`,
        status: "failed",
        errorCode: "RATE_LIMITED",
        content: "",
        citations: [],
        rag: undefined,
        toolCalls: undefined,
        toolResults: undefined,
        toolRuns: undefined,
        sla: { target_ms: 60_000, predicted_ms: 95_000, degraded: [], met: false },
      },
    });

    const hour = (await readTelemetry(master)).assistants.find(
      (assistant) => assistant.assistant_id === "ctl",
    )!.windows["1h"];
    expect(hour.sla_control).toEqual({
      answers: 3,
      degraded: 2,
      degraded_within_sla: 1,
      shed: 1,
      prediction_error_ms: 4000,
    });
    const tele = (await readTelemetry(master)).assistants.find(
      (assistant) => assistant.assistant_id === "tele",
    );
    expect(tele?.windows["1h"].sla_control ?? null).toBeNull();
  });

  test("counts ratings per window and backend, and the share rated up per assistant and RAG decision", async () => {
    const backend = await registerSimulatorBackend(simulator(), { name: "tele-sim-4" });
    await createChatAssistant("rated");
    await createChatAssistant("unrated");
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => ask("rated")));
    const rate = (index: number, rating: "up" | "down") => {
      const answer = answers[index]!;
      return giveFeedback(
        master,
        { assistantId: "rated", sessionId: answer.session_id, messageId: answer.message_id },
        { rating },
      );
    };
    // Answers 0-2 were forwarded (no knowledge); 3 is recorded as having had passages injected.
    await getDb().message.update({
      where: { id: answers[3]!.message_id },
      data: { rag: { decision: "injected", top_score: 0.9, threshold: 0.3, passages: 2 } },
    });
    await rate(0, "up");
    await rate(1, "up");
    await rate(2, "down");
    await rate(3, "up");
    // Rated two hours ago: in the summary, outside every window.
    await rate(4, "down");
    await getDb().messageFeedback.updateMany({
      where: { messageId: answers[4]!.message_id },
      data: { updatedAt: new Date(Date.now() - 2 * 3_600_000) },
    });

    const telemetry = await readTelemetry(master);
    const rated = telemetry.assistants.find((assistant) => assistant.assistant_id === "rated")!;
    expect(rated.windows["1m"].feedback).toEqual({ up: 3, down: 1 });
    expect(rated.windows["1h"].feedback).toEqual({ up: 3, down: 1 });
    expect(rated.feedback).toEqual({
      up: 3,
      down: 2,
      positive_share: 0.6,
      by_rag: [
        { decision: "injected", up: 1, down: 0, positive_share: 1 },
        { decision: "forwarded", up: 2, down: 2, positive_share: 0.5 },
      ],
    });
    const unrated = telemetry.assistants.find((assistant) => assistant.assistant_id === "unrated")!;
    expect(unrated.feedback).toEqual({ up: 0, down: 0, positive_share: null, by_rag: [] });
    expect(unrated.windows["15m"].feedback).toEqual({ up: 0, down: 0 });
    const sim = telemetry.backends.find((item) => item.backend_id === backend.id)!;
    expect(sim.windows["15m"].feedback).toEqual({ up: 3, down: 1 });
  });

  test("runtime keys and anonymous callers may not read it", async () => {
    expect((await rejectionOf<AppError>(readTelemetry(keyActor("runtime")))).code).toBe("FORBIDDEN");
    expect((await rejectionOf<AppError>(readTelemetry({ kind: "anonymous" }))).code).toBe("UNAUTHORIZED");
  });
});
