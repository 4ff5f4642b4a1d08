import type { CreateResponseRequest, ResponseObject } from "../../../schemas/openai-responses";
import type { Actor } from "../../access/actor";
import { addToolCallFragment, toolCallsMade } from "../../chat/tool-calls";
import type { ToolCall } from "../../gateway/engines/engine";
import { runToCompletion } from "../../runtime/exchange/run-to-completion";
import { completedResponse } from "./build-response";
import { prepareResponse } from "./prepare-response";

/** A non-streamed response: the same exchange as ask, in the Responses API's shape. */
export async function createResponse(
  actor: Actor,
  request: CreateResponseRequest,
  signal: AbortSignal,
): Promise<ResponseObject> {
  const { prepared, context } = await prepareResponse(actor, request);
  const calls: ToolCall[] = [];
  const answer = await runToCompletion(prepared, { signal, includeReasoning: true }, (event) => {
    if (event.type === "tool_call.delta") addToolCallFragment(calls, event);
  });
  return completedResponse(context, answer, toolCallsMade(calls) ?? []);
}
