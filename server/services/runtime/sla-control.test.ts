// SLA control end to end through the chat service, against the vLLM simulator with a batch curve
// (each request decodes at 200 / (b + 1) tokens per second with b in the batch; 80 tokens at
// medium effort, 22 at low): an 1.2 s target fits medium alone (~0.8 s) but not with three other
// answers running (~2 s), where low effort (~0.6 s) does. The ladder step is applied when, and
// only when, it is needed; `shed` refuses with a Retry-After instead; `off` changes nothing; the
// `sla` object is in every shape an answer takes, and in the metrics.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import type { SlaControl } from "../../schemas/assistant";
import { askResponseSchema, messageSchema, type AskResponse } from "../../schemas/chat";
import { keyActor, master } from "../../test/actors";
import {
  collectEvents,
  createChatAssistant,
  registerSimulatorBackend,
  SIM_MODEL,
  simulatorForFile,
  waitFor,
} from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { updateAssistant } from "../assistants/update-assistant";
import { prepareExchange } from "../chat/prepare-exchange";
import { getGateway } from "../gateway/gateway-instance";
import { renderMetrics } from "../observability/metrics";
import { getSession } from "../sessions/get-session";
import { replaceCompletionModel } from "../sla/completion-model-instance";
import { askAssistant } from "./ask-assistant";
import { runExchange } from "./exchange/run-exchange";

const simulator = simulatorForFile({
  ttftMs: 20,
  tokensPerSecond: 100,
  batchCurve: "saturating",
  batchSaturation: 1,
  maxBatch: 16,
  answerTokens: 20,
  reasoningTokens: { low: 2, medium: 60, high: 120 },
});
const runtime = keyActor("runtime", ["controlled", "loader"]);
let backendId: string;

const ladder = [{ reasoning_effort: "low" as const }, { max_output_tokens: 10 }];

async function controlled(control: SlaControl, avgMs = 1200) {
  await createChatAssistant("controlled");
  await updateAssistant(master, "controlled", { sla: { avg_ms: avgMs, control, degradation: ladder } });
}

function ask(assistantId = "controlled", message = "How do I reset my password?") {
  return askAssistant(runtime, assistantId, { message, reasoning: false }, new AbortController().signal);
}

/** Three answers of an assistant without SLA control, running on the backend until awaited. */
async function load(): Promise<{ done: Promise<AskResponse[]> }> {
  const done = Promise.all([1, 2, 3].map((i) => ask("loader", `Background question ${i}?`)));
  await waitFor(() => (getGateway().view(backendId)?.outstanding ?? 0) === 3);
  return { done };
}

beforeEach(async () => {
  replaceCompletionModel();
  simulator().clearFaults();
  backendId = (await registerSimulatorBackend(simulator())).id;
  await createChatAssistant("loader");
});

describe("degrade", () => {
  test("a ladder step when, and only when, the prediction needs it", async () => {
    await controlled("degrade");
    // The first answer teaches the model this backend (a backend never seen is tried as configured).
    const first = await ask();
    expect(first.sla).toMatchObject({ target_ms: 1200, degraded: [] });

    const alone = await ask();
    expect(askResponseSchema.parse(alone)).toEqual(alone);
    expect(alone.sla).toMatchObject({ target_ms: 1200, degraded: [], met: true });
    expect(alone.usage.completion_tokens).toBe(80);

    const loaded = await load();
    const degraded = await ask();

    expect(degraded.sla).toMatchObject({ degraded: [{ reasoning_effort: "low" }], met: true });
    expect(degraded.sla!.predicted_ms).toBeLessThanOrEqual(1200);
    expect(degraded.usage.completion_tokens).toBe(22);
    for (const answer of await loaded.done) expect(answer.sla).toBeUndefined();

    const afterwards = await ask();
    expect(afterwards.sla).toMatchObject({ degraded: [], met: true });

    const stored = await getDb().message.findUniqueOrThrow({ where: { id: degraded.message_id } });
    expect(stored.sla).toEqual(degraded.sla);
    const metrics = (await renderMetrics()).body;
    expect(metrics).toMatch(
      /hearth_sla_degradations_total\{assistant="controlled",step="reasoning_effort=low"\} [1-9]/,
    );
    expect(metrics).toMatch(/hearth_sla_prediction_error_seconds_count\{assistant="controlled"\} [1-9]/);
  });

  test("questions arriving together each see the others' slots taken", async () => {
    await controlled("degrade");
    await ask(); // learns the backend
    const together = await Promise.all([1, 2, 3, 4].map((i) => ask("controlled", `Question ${i}?`)));
    const predicted = together.map((answer) => answer.sla!.predicted_ms);
    expect(new Set(predicted).size).toBeGreaterThan(1);
    // Four at once on one backend (~2 s at medium) do not all fit 1.2 s: the later ones are degraded.
    expect(together.some((answer) => answer.sla!.degraded.length > 0)).toBe(true);
    expect(together.some((answer) => answer.sla!.degraded.length === 0)).toBe(true);
  });

  test("when no step is enough it refuses, as shed does", async () => {
    await controlled("degrade", 30);
    await ask(); // learns the backend
    const error = await rejectionOf<AppError>(ask());
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(/SLA/);
  });
});

describe("shed", () => {
  test("refuses what would break the SLA, with a Retry-After, and answers again once it fits", async () => {
    // Shed starts only answers that will each meet the target: the prediction times a margin (1.35
    // until it has seen 20 answers) must fit, so alone (~0.85 s) fits 1.5 s and with three running does not.
    await controlled("shed", 1500);
    await ask(); // learns the backend
    const loaded = await load();
    const startedAt = Date.now();
    const error = await rejectionOf<AppError>(ask());
    expect(Date.now() - startedAt).toBeLessThan(500);
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(
      /would not be ready within this assistant's SLA \(predicted .* s, target 1\.5 s\)/,
    );
    // Two of the three running answers must finish (~1.3 s each, three at a time): about a second.
    expect(error.rateLimit?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.rateLimit?.retryAfterSeconds).toBeLessThanOrEqual(3);
    await loaded.done;

    const refused = await getDb().message.findFirstOrThrow({
      where: { assistantId: "controlled", errorCode: "RATE_LIMITED" },
    });
    expect(refused.status).toBe("failed");
    expect(refused.sla).toMatchObject({ target_ms: 1500, degraded: [], met: false });

    const answered = await ask();
    expect(answered.sla).toMatchObject({ degraded: [], met: true });
    expect((await renderMetrics()).body).toMatch(/hearth_sla_shed_total\{assistant="controlled"\} [1-9]/);
  });
});

describe("the sla object", () => {
  test("in the stream's response.completed and in the session's messages", async () => {
    await controlled("degrade", 60_000);
    const prepared = await prepareExchange(runtime, "controlled", { message: "Hello?" });
    const events = await collectEvents(
      runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false }),
    );
    const completed = events.at(-1);
    if (completed?.type !== "response.completed") throw new Error(`ended with ${completed?.type}`);
    expect(completed.response.sla).toMatchObject({ target_ms: 60_000, degraded: [], met: true });
    const session = await getSession(master, "controlled", prepared.sessionId);
    const answer = session.messages.find((message) => message.role === "assistant");
    expect(messageSchema.parse(answer)).toEqual(answer);
    expect(answer?.sla).toEqual(completed.response.sla);
    expect(session.messages.find((message) => message.role === "user")).not.toHaveProperty("sla");
  });

  test("absent with control off: the answer and the stored message are as before", async () => {
    await createChatAssistant("controlled");
    const response = await ask();
    expect(response).not.toHaveProperty("sla");
    expect(response.model).toBe(SIM_MODEL);
    const session = await getSession(master, "controlled", response.session_id);
    for (const message of session.messages) expect(message).not.toHaveProperty("sla");
  });
});
