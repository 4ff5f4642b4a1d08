// An exchange answered in-process by llama.cpp: a llama_cpp backend registered with a tiny
// random-weights GGUF (so the answer is gibberish; its shape is what counts). The test
// environment sets HEARTH_LLAMA_THREADS=1, which the registry hands to the engine.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client";
import { env } from "../../env";
import { master } from "../../test/actors";
import { writeTinyGguf } from "../../test/tiny-gguf";
import { createAssistant } from "../assistants/create-assistant";
import { createBackend } from "../backends/create-backend";
import type { Engine } from "../gateway/engines/engine";
import { engineFor } from "../gateway/engine-cache";
import { askAssistant } from "../runtime/ask-assistant";
import { collectEvents } from "../../test/chat";
import { prepareExchange } from "./prepare-exchange";
import { runExchange } from "../runtime/exchange/run-exchange";

// A backend added through the API loads models only from the models folder (HEARTH_MODELS_DIR).
const modelPath = join(env.modelsDir, "tiny.gguf");
const opened: Engine[] = [];

beforeAll(async () => {
  await mkdir(env.modelsDir, { recursive: true });
  await writeTinyGguf(modelPath);
});

afterAll(async () => {
  for (const engine of opened) await engine.close?.();
  await rm(modelPath, { force: true });
});

async function registerTinyModel() {
  const backend = await createBackend(master, {
    name: "local",
    kind: "llama_cpp",
    model_path: modelPath,
    models: ["tiny"],
    max_concurrency: 1,
  });
  await createAssistant(master, {
    id: "local-helper",
    model: "tiny",
    instructions: "You are terse.",
    generation: { max_output_tokens: 8, temperature: 0 },
  });
  opened.push(await engineFor(await getDb().backend.findUniqueOrThrow({ where: { id: backend.id } })));
  return backend;
}

test("the tests run llama.cpp on one thread", () => {
  expect(env.HEARTH_LLAMA_THREADS).toBe(1);
});

test("answers through the registry, with usage, and stores the exchange", async () => {
  const backend = await registerTinyModel();

  const response = await askAssistant(
    master,
    "local-helper",
    { message: "hello world, what do you say?", user: "alice", reasoning: false },
    new AbortController().signal,
  );

  expect(response).toMatchObject({ model: "tiny", backend: "local" });
  expect(typeof response.answer).toBe("string");
  expect(response.usage.prompt_tokens).toBeGreaterThan(5);
  expect(response.usage.completion_tokens).toBeGreaterThan(0);
  expect(response.usage.completion_tokens).toBeLessThanOrEqual(8);
  expect(response.usage.total_tokens).toBe(response.usage.prompt_tokens + response.usage.completion_tokens);
  expect(response.timings.ttft_ms).toEqual(expect.any(Number));

  const answer = await getDb().message.findUniqueOrThrow({ where: { id: response.message_id } });
  expect(answer).toMatchObject({
    status: "completed",
    content: response.answer,
    backendId: backend.id,
    completionTokens: response.usage.completion_tokens,
  });
});

test("streams deltas and can be stopped by its consumer", async () => {
  await registerTinyModel();
  const prepared = await prepareExchange(master, "local-helper", { message: "hello world" });

  const events = await collectEvents(
    runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false }),
  );
  expect(events.filter((event) => event.type === "output_text.delta").length).toBeGreaterThan(0);
  expect(events.at(-1)?.type).toBe("response.completed");

  const next = await prepareExchange(master, "local-helper", {
    message: "the user says hello",
    session_id: prepared.sessionId,
  });
  for await (const event of runExchange(next, {
    signal: new AbortController().signal,
    includeReasoning: false,
  })) {
    if (event.type === "output_text.delta") break;
  }
  const stopped = await getDb().message.findUniqueOrThrow({ where: { id: next.answerMessageId } });
  expect(stopped.status).toBe("cancelled");
});
