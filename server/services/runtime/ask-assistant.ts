import type { AskInput, AskResponse } from "../../schemas/chat";
import type { Actor } from "../access/actor";
import { prepareExchange } from "../chat/prepare-exchange";
import { runToCompletion } from "./exchange/run-to-completion";

/** One question, one complete answer (the non-streaming form of the same exchange). */
export async function askAssistant(
  actor: Actor,
  assistantId: string,
  input: AskInput,
  signal: AbortSignal,
): Promise<AskResponse> {
  const prepared = await prepareExchange(actor, assistantId, input);
  return runToCompletion(prepared, { signal, includeReasoning: input.reasoning });
}
