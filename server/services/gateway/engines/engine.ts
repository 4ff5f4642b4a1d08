// What every engine (a way to get tokens: an OpenAI-compatible server, llama.cpp in-process, or
// none at all) offers the chat service: a stream of typed events for one generation, cancellable
// through an AbortSignal. Engines translate their own errors into EngineError so the chat service
// can tell "the upstream refused" from "the upstream broke".

/** A function the model called, as OpenAI's chat API carries it (`arguments` is JSON text). */
export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/**
 * A turn of the conversation. Tool turns, names and earlier reasoning come only from callers of
 * the OpenAI-compatible API, and go to OpenAI-compatible backends as they are.
 */
export type ChatTurn =
  | { role: "system" | "user"; content: string; name?: string }
  | {
      role: "assistant";
      content: string;
      name?: string;
      tool_calls?: ToolCall[];
      /** The reasoning before this turn's tool calls: GPT-OSS is given it back in a tool loop. */
      reasoning_content?: string;
    }
  | { role: "tool"; content: string; tool_call_id: string; name?: string };

/**
 * Fields of an OpenAI-compatible caller's request that go to an OpenAI-compatible backend as they
 * are (function tools, sampling extras). Only that engine can honour them; the others refuse.
 */
export interface ForwardedFields {
  tools?: unknown[];
  tool_choice?: unknown;
  parallel_tool_calls?: boolean;
  stop?: string | string[];
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
}

export interface GenerateRequest {
  model: string;
  messages: ChatTurn[];
  temperature?: number | null;
  topP?: number | null;
  maxOutputTokens?: number | null;
  reasoningEffort?: "low" | "medium" | "high";
  /** The retrieved passages (already in `messages`); the retrieval-only engine answers with them. */
  passages?: readonly RetrievedPassage[];
  /** Sent to an OpenAI-compatible backend as they are (see ForwardedFields). */
  forwarded?: ForwardedFields;
  signal: AbortSignal;
}

export interface RetrievedPassage {
  filename: string;
  text: string;
  heading: string | null;
  page: number | null;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** Of the completion tokens, those spent reasoning, when the backend says (vLLM mostly does not). */
  reasoning_tokens?: number;
}

export type GenerateEvent =
  | { type: "reasoning.delta"; text: string }
  | { type: "output_text.delta"; text: string }
  /** A fragment of tool call `index`: its id and name come first, then pieces of its arguments. */
  | { type: "tool_call.delta"; index: number; id?: string; name?: string; arguments: string }
  | { type: "usage"; usage: Usage }
  | { type: "finish"; reason: string };

export interface Engine {
  readonly kind: "openai_compatible" | "llama_cpp" | "retrieval_only";
  generate(request: GenerateRequest): AsyncIterable<GenerateEvent>;
  close?(): Promise<void>;
}

/**
 * Why an engine failed. `afterFirstToken` says whether any output had been produced: a failure
 * before the first token can be retried elsewhere; one after it must end the stream with an error.
 * The message is for operators (logs, the stored detail), never for callers.
 */
export type EngineErrorKind =
  | "connect" // could not reach the backend
  | "timeout" // no first token, or a stall between chunks, within the configured time
  | "rate_limited" // the backend said 429
  | "bad_request" // the backend rejected the request itself (4xx)
  | "upstream" // 5xx or a malformed answer
  | "cut" // the stream ended without a proper finish
  | "aborted"; // the caller cancelled

/**
 * What a caller (a runtime key, the widget, the OpenAI facade) reads when a model server fails: an
 * EngineError's own message is an operator's diagnostic (it may quote the upstream's answer) and
 * goes only to the log and the failed answer's stored detail.
 */
export const PUBLIC_UPSTREAM_MESSAGE = "The model server could not answer this request";
export const PUBLIC_CUT_MESSAGE = "The model server stopped mid-answer; the answer is incomplete";
export const PUBLIC_TIMEOUT_MESSAGE = "The model server did not answer in time";

const ENGINE_ERROR = Symbol.for("hearth.EngineError");

export class EngineError extends Error {
  override name = "EngineError";
  private readonly [ENGINE_ERROR] = true;

  /** Recognised by a brand, not class identity (see AppError: bundles may hold several copies). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && ENGINE_ERROR in value;
  }

  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterSeconds?: number; afterFirstToken?: boolean } = {},
  ) {
    super(message);
  }
}
