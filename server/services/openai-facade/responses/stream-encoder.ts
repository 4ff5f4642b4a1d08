// A streamed response in the Responses API's events: response.created and .in_progress, then for
// each output item its `output_item.added`, its deltas and its `.done` events (reasoning as
// `reasoning_text`, the answer as `output_text`, each function call's arguments), one item at a
// time, each closed when the next begins, and finally response.completed (or .incomplete when
// max_output_tokens cut the answer) with the whole response. A failure midway sends an `error`
// event, with its fields both flat (as OpenAI documents them) and under `error` (as OpenAI sends
// them, which makes the SDKs raise), then response.failed: a cut answer never looks complete.
import type { ResponseOutputItem } from "../../../schemas/openai-responses";
import type { ChatEvent } from "../../chat/chat-events";
import { buildResponse, type ResponseContext, type ResponseOutcome } from "./build-response";
import { itemIdOf } from "./stored-response";

/** One SSE frame: its event name and JSON data. */
export interface ResponseFrame {
  event: string;
  data: string;
}

type Reasoning = Extract<ResponseOutputItem, { type: "reasoning" }>;
type Message = Extract<ResponseOutputItem, { type: "message" }>;
type FunctionCall = Extract<ResponseOutputItem, { type: "function_call" }>;
type Status = ResponseOutputItem["status"];

/** A fresh encoder per stream: each exchange event as the frames it becomes. */
export function responseStreamEncoder(context: ResponseContext): (event: ChatEvent) => ResponseFrame[] {
  const output: ResponseOutputItem[] = [];
  /** Output index of each function call, by the model's call index. */
  const calls = new Map<number, number>();
  const made = { reasoning: 0, message: 0 };
  let open: number | null = null;
  let sequence = 0;
  let rag: unknown = null;
  let citations: unknown[] = [];
  let frames: ResponseFrame[] = [];

  const emit = (type: string, payload: object) =>
    frames.push({ event: type, data: JSON.stringify({ type, sequence_number: sequence++, ...payload }) });
  const snapshot = (outcome: Partial<ResponseOutcome>) =>
    buildResponse(context, {
      status: "in_progress",
      output: [],
      usage: null,
      error: null,
      rag,
      citations,
      ...outcome,
    });
  const at = (index: number) => ({ item_id: output[index]!.id, output_index: index });

  function close(status: Status): void {
    if (open === null) return;
    const item = output[open]!;
    item.status = status;
    if (item.type === "reasoning") {
      const part = item.content[0]!;
      emit("response.reasoning_text.done", { ...at(open), content_index: 0, text: part.text });
      emit("response.content_part.done", { ...at(open), content_index: 0, part });
    } else if (item.type === "message") {
      const part = item.content[0]!;
      emit("response.output_text.done", { ...at(open), content_index: 0, text: part.text, logprobs: [] });
      emit("response.content_part.done", { ...at(open), content_index: 0, part });
    } else {
      emit("response.function_call_arguments.done", {
        ...at(open),
        name: item.name,
        arguments: item.arguments,
      });
    }
    emit("response.output_item.done", { output_index: open, item });
    open = null;
  }

  function begin(item: ResponseOutputItem): number {
    close("completed");
    open = output.push(item) - 1;
    emit("response.output_item.added", { output_index: open, item });
    if (item.type === "reasoning") {
      const part = { type: "reasoning_text" as const, text: "" };
      emit("response.content_part.added", { ...at(open), content_index: 0, part });
      item.content.push(part);
    } else if (item.type === "message") {
      const part = { type: "output_text" as const, text: "", annotations: [] };
      emit("response.content_part.added", { ...at(open), content_index: 0, part });
      item.content.push(part);
    }
    return open;
  }

  function reasoning(delta: string): void {
    if (open === null || output[open]!.type !== "reasoning") {
      const id = itemIdOf("reasoning", context.messageId, made.reasoning++);
      begin({ type: "reasoning", id, summary: [], content: [], status: "in_progress" });
    }
    (output[open!] as Reasoning).content[0]!.text += delta;
    emit("response.reasoning_text.delta", { ...at(open!), content_index: 0, delta });
  }

  function text(delta: string): void {
    if (open === null || output[open]!.type !== "message") {
      const id = itemIdOf("message", context.messageId, made.message++);
      begin({ type: "message", id, status: "in_progress", role: "assistant", content: [] });
    }
    (output[open!] as Message).content[0]!.text += delta;
    emit("response.output_text.delta", { ...at(open!), content_index: 0, delta, logprobs: [] });
  }

  function toolCall(fragment: Extract<ChatEvent, { type: "tool_call.delta" }>): void {
    let index = calls.get(fragment.index);
    // A call's first piece carries its id and name (as OpenAI-compatible servers send them).
    if (index === undefined) {
      const id = itemIdOf("function_call", context.messageId, fragment.index);
      const { id: callId = "", name = "" } = fragment;
      index = begin({
        type: "function_call",
        id,
        call_id: callId,
        name,
        arguments: "",
        status: "in_progress",
      });
      calls.set(fragment.index, index);
    } else {
      const call = output[index] as FunctionCall;
      if (fragment.id) call.call_id = fragment.id;
      if (fragment.name) call.name += fragment.name;
    }
    (output[index] as FunctionCall).arguments += fragment.arguments;
    // Pieces of a call already closed (never seen from vLLM) still reach the final response.
    if (fragment.arguments && index === open) {
      emit("response.function_call_arguments.delta", { ...at(index), delta: fragment.arguments });
    }
  }

  function encode(event: ChatEvent): void {
    switch (event.type) {
      case "response.created":
        emit("response.created", { response: snapshot({}) });
        emit("response.in_progress", { response: snapshot({}) });
        return;
      case "rag.completed":
        ({ rag, citations } = event);
        return;
      case "reasoning.delta":
        return reasoning(event.delta);
      case "output_text.delta":
        return text(event.delta);
      case "tool_call.delta":
        return toolCall(event);
      case "response.completed": {
        const cut = event.response.finish_reason === "length";
        close(cut ? "incomplete" : "completed");
        const status = cut ? "incomplete" : "completed";
        const { usage } = event.response;
        const response = snapshot({
          status,
          output,
          usage,
          rag: event.response.rag,
          citations: event.response.citations,
        });
        emit(`response.${status}`, { response });
        return;
      }
      case "error": {
        close("incomplete");
        const { code, message } = event.error;
        emit("error", { code, message, param: null, error: { type: code, code, message, param: null } });
        emit("response.failed", {
          response: snapshot({ status: "failed", output, error: { code, message } }),
        });
        return;
      }
    }
  }

  return (event) => {
    frames = [];
    encode(event);
    return frames;
  };
}
