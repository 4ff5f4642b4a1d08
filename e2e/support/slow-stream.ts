// A stream that stays open long enough to act while it runs: a slow simulated model of the spec's
// own (about 3 s for an answer, so only the spec can stop it early), an assistant on it, and a
// stream opened to that assistant with an AbortController to hang up. The caller stops `slow`.
import type { APIRequestContext } from "@playwright/test";
import { createAssistant } from "./runtime-api";
import { startSimulatedBackend } from "./simulated-backend";
import { postForStream } from "./sse";

export async function openSlowStream(
  api: APIRequestContext,
  options: { baseURL: string; key: string; name: (prefix: string) => string; label: string },
) {
  const slow = await startSimulatedBackend(api, options.name(`slow-${options.label}`), {
    tokensPerSecond: 10,
    reasoningTokens: { low: 1, medium: 1, high: 1 },
  });
  try {
    const id = await createAssistant(api, options.name(options.label), { model: slow.model });
    const controller = new AbortController();
    const response = await postForStream(
      `${options.baseURL}/assistants/${id}/stream`,
      options.key,
      { message: "Tell me a long story" },
      controller.signal,
    );
    return { slow, id, controller, response };
  } catch (error) {
    await slow.stop();
    throw error;
  }
}
