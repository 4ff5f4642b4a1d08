// The engine for OpenAI-compatible servers: vLLM (the production sidecar), llama.cpp's server,
// Ollama, TGI, LM Studio. Streams chat completions with undici's `request()` over one agent with
// pooled keep-alive connections and a connect timeout, and parses the SSE body with
// `eventsource-parser` straight from the Node stream: on the per-token path this costs less than
// half the CPU of the official `openai` client over fetch's web streams (e2e/perf/engine-stream.ts).
// Bounds the wait for the first token, the gap between chunks and the whole generation with its
// own timers; keeps GPT-OSS reasoning (vLLM's `reasoning_content`, or `reasoning` in newer
// versions) apart from the answer.
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { Agent, type buildConnector, type Dispatcher } from "undici";
import { EngineError, type Engine, type GenerateEvent, type GenerateRequest } from "./engine";

export interface OpenAiCompatibleOptions {
  baseUrl: string;
  apiKey?: string | null;
  connectTimeoutMs: number;
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  /** Cap on pooled connections; unset = no cap (admission control bounds concurrency, not the pool). */
  maxConnections?: number;
  /** How connections are opened (the host allowlist's checked connector); unset: undici's own. */
  connect?: buildConnector.connector;
}

type TimeoutKind = "first_token" | "idle" | "total";

interface StreamChunk {
  choices?: {
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: ToolCallFragment[] | null;
    };
    finish_reason?: string | null;
  }[];
  usage?: {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  } | null;
  error?: unknown;
  object?: string;
}

/** A piece of a streamed tool call: id, type and name first, then pieces of the arguments. */
interface ToolCallFragment {
  index?: number;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
}

/** A failure before any response: refused, reset, or no connection within the connect timeout. */
class ConnectionFailure extends Error {
  constructor(readonly reason: unknown) {
    super("connection failed");
  }
}

/** An SSE line longer than this is a broken server, not a token. */
const MAX_EVENT_CHARS = 8 * 1024 * 1024;

export function createOpenAiCompatibleEngine(
  options: OpenAiCompatibleOptions,
): Engine & { close(): Promise<void> } {
  // undici's request() never follows a redirect: a 3xx is a failed status like any other.
  const agent = new Agent({
    connect: options.connect ?? { timeout: options.connectTimeoutMs },
    keepAliveTimeout: 30_000,
    connections: options.maxConnections ?? null,
    // Streams are bounded by our own first-token and idle timers, not undici's body timeout.
    bodyTimeout: 0,
    headersTimeout: options.firstTokenTimeoutMs,
  });
  const url = new URL(`${options.baseUrl.replace(/\/+$/, "")}/chat/completions`);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "text/event-stream",
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  };

  async function* generate(request: GenerateRequest): AsyncGenerator<GenerateEvent> {
    const controller = new AbortController();
    let timedOut: TimeoutKind | null = null;
    const onCallerAbort = () => controller.abort(request.signal.reason);
    request.signal.addEventListener("abort", onCallerAbort, { once: true });
    const timeout = (kind: TimeoutKind) => () => {
      timedOut ??= kind;
      controller.abort(new Error(kind));
    };
    // The first-token timer is replaced by the idle one at the first token, then only refreshed.
    let timer: NodeJS.Timeout | undefined;
    const total = setTimeout(timeout("total"), options.totalTimeoutMs);
    let sawToken = false;
    let ended = false;
    try {
      if (request.signal.aborted) throw new EngineError("aborted", "The request was cancelled");
      timer = setTimeout(timeout("first_token"), options.firstTokenTimeoutMs);
      const response = await agent
        .request({
          origin: url.origin,
          path: url.pathname + url.search,
          method: "POST",
          headers,
          body: JSON.stringify(requestBody(request)),
          signal: controller.signal,
        })
        .catch((error: unknown) => {
          throw new ConnectionFailure(error);
        });
      if (response.statusCode < 200 || response.statusCode >= 300) throw await statusError(response);

      const reader = new CompletionStreamReader(() => {
        if (sawToken) {
          timer?.refresh();
          return;
        }
        sawToken = true;
        clearTimeout(timer);
        timer = setTimeout(timeout("idle"), options.idleTimeoutMs);
      });
      // The body is read as it arrives (parsed in the socket's own callback); this generator waits
      // only when it has taken everything, so a token costs one wake-up, not a stream iteration.
      const body = flowInto(response.body, reader);
      for (;;) {
        for (const event of body.take()) yield event;
        if (reader.failure) throw reader.failure.error;
        if (body.error) throw body.error;
        if (body.ended) break;
        await body.ready();
      }
      ended = true;
      if (!reader.finished) {
        throw new EngineError("cut", "The model server closed the stream before the answer was finished", {
          afterFirstToken: sawToken,
        });
      }
    } catch (error) {
      throw toEngineError(error, { timedOut, callerAborted: request.signal.aborted, sawToken, options });
    } finally {
      clearTimeout(timer);
      clearTimeout(total);
      request.signal.removeEventListener("abort", onCallerAbort);
      // Leaving the loop early (the consumer stopped) must cancel the upstream generation, and a
      // body left unread would hold its pooled connection.
      if (!ended) controller.abort(new Error("consumer stopped"));
    }
  }

  return {
    kind: "openai_compatible",
    generate,
    async close() {
      await agent.close();
    },
  };
}

/** Parsed events this many ahead of the consumer pause the body (the socket then fills up). */
const MAX_QUEUED_EVENTS = 256;

/**
 * Reads `body` in flowing mode into `reader`. `take` returns the events parsed so far, `ready`
 * resolves once there are more (or the body ended or failed).
 */
function flowInto(body: Readable, reader: CompletionStreamReader) {
  let wake: (() => void) | null = null;
  const state = { ended: false, error: null as Error | null };
  const notify = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  body.on("data", (bytes: Buffer) => {
    reader.feed(bytes);
    if (reader.queued > MAX_QUEUED_EVENTS) body.pause();
    if (reader.queued > 0 || reader.failure) notify();
  });
  // A body torn down mid-answer errors ("other side closed"); one that closes quietly is cut short.
  body.on("error", (error: Error) => {
    state.error ??= error;
    state.ended = true;
    notify();
  });
  const end = () => {
    state.ended = true;
    notify();
  };
  body.on("end", end);
  body.on("close", end);
  return {
    get ended() {
      return state.ended;
    },
    get error() {
      return state.error;
    },
    take(): readonly GenerateEvent[] {
      if (body.isPaused() && !state.ended) body.resume();
      return reader.take();
    },
    ready(): Promise<void> {
      if (reader.queued > 0 || reader.failure || state.ended) return Promise.resolve();
      return new Promise((resolve) => (wake = resolve));
    },
  };
}

/**
 * Turns the bytes of a chat-completions SSE body into events. A bad event (malformed JSON, an error
 * object) is kept in `failure` and stops the reading, after the events before it have been returned.
 * As in EventSource, an event the body did not end with a blank line is dropped.
 */
class CompletionStreamReader {
  finished = false;
  failure: { error: unknown } | null = null;
  private events: GenerateEvent[] = [];
  private readonly decoder = new StringDecoder("utf8");
  private readonly parser = createParser({
    onEvent: (message) => this.onMessage(message),
    onError: (error) => {
      if (error.type === "max-buffer-size-exceeded") this.failure ??= { error };
    },
    maxBufferSize: MAX_EVENT_CHARS,
  });

  /** `onToken` runs for each chunk that carries reasoning or answer text. */
  constructor(private readonly onToken: () => void) {}

  feed(bytes: Buffer): void {
    if (!this.failure) this.parser.feed(this.decoder.write(bytes));
  }

  /** Events parsed and not yet taken. */
  get queued(): number {
    return this.events.length;
  }

  /** The events parsed since the last call (often none: then the same empty array). */
  take(): readonly GenerateEvent[] {
    const events = this.events;
    if (events.length > 0) this.events = [];
    return events;
  }

  private onMessage(message: EventSourceMessage) {
    if (this.failure || message.data === "[DONE]") return;
    try {
      this.onChunk(JSON.parse(message.data) as StreamChunk);
    } catch (error) {
      this.failure = { error };
    }
  }

  /**
   * Tokens parsed before the consumer takes them become one delta: nothing waits for more, but
   * under load, when the server's tokens arrive faster than they are passed on, the path
   * downstream (events, SSE frames, writes to the client) runs once per turn instead of per token.
   */
  private pushText(type: "reasoning.delta" | "output_text.delta", text: string) {
    const last = this.events.at(-1);
    if (last?.type === type) last.text += text;
    else this.events.push({ type, text });
  }

  /** A tool call fragment; pieces of the same call's arguments parsed together become one. */
  private pushToolCall(fragment: ToolCallFragment, position: number) {
    const index = fragment.index ?? position;
    const id = fragment.id ?? undefined;
    const name = fragment.function?.name ?? undefined;
    const text = fragment.function?.arguments ?? "";
    const last = this.events.at(-1);
    if (last?.type === "tool_call.delta" && last.index === index && id === undefined && name === undefined) {
      last.arguments += text;
      return;
    }
    this.events.push({
      type: "tool_call.delta",
      index,
      ...(id !== undefined && { id }),
      ...(name !== undefined && { name }),
      arguments: text,
    });
  }

  private onChunk(chunk: StreamChunk) {
    if (chunk.error !== undefined || chunk.object === "error") {
      throw new Error(errorMessage(chunk) ?? "error event in the stream");
    }
    if (chunk.usage) {
      const { prompt_tokens, completion_tokens, total_tokens } = chunk.usage;
      const reasoning = chunk.usage.completion_tokens_details?.reasoning_tokens;
      this.events.push({
        type: "usage",
        usage: {
          prompt_tokens,
          completion_tokens,
          total_tokens,
          ...(typeof reasoning === "number" && { reasoning_tokens: reasoning }),
        },
      });
    }
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = choice.delta ?? {};
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    const toolCalls = delta.tool_calls ?? [];
    if (reasoning || delta.content || toolCalls.length > 0) this.onToken();
    if (reasoning) this.pushText("reasoning.delta", reasoning);
    if (delta.content) this.pushText("output_text.delta", delta.content);
    toolCalls.forEach((fragment, position) => this.pushToolCall(fragment, position));
    if (choice.finish_reason) {
      this.finished = true;
      this.events.push({ type: "finish", reason: choice.finish_reason });
    }
  }
}

function requestBody(request: GenerateRequest) {
  return {
    model: request.model,
    messages: request.messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(request.temperature != null ? { temperature: request.temperature } : {}),
    ...(request.topP != null ? { top_p: request.topP } : {}),
    ...(request.maxOutputTokens != null ? { max_tokens: request.maxOutputTokens } : {}),
    ...(request.reasoningEffort ? { reasoning_effort: request.reasoningEffort } : {}),
    ...request.forwarded,
  };
}

async function statusError(response: Dispatcher.ResponseData): Promise<EngineError> {
  const status = response.statusCode;
  const text = await response.body.text().catch(() => "");
  if (status === 429) {
    const retryAfter = Number(response.headers["retry-after"] ?? Number.NaN);
    return new EngineError("rate_limited", "The model server is at capacity (429)", {
      status,
      retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
    });
  }
  if (status >= 400 && status < 500) {
    return new EngineError(
      "bad_request",
      `The model server rejected the request (${status}): ${snippet(bodyMessage(text))}`,
      { status },
    );
  }
  const said = text.trim() ? `: ${snippet(bodyMessage(text))}` : "";
  return new EngineError("upstream", `The model server failed (${status})${said}`, {
    status,
    afterFirstToken: false,
  });
}

const MAX_SNIPPET_CHARS = 500;

/**
 * Enough of an upstream's answer for an operator to see what went wrong, on one line, without
 * anything shaped like a credential (some servers quote the key they refused).
 */
function snippet(text: string): string {
  const line = text
    .replace(/\s+/g, " ")
    .replace(/\b(Bearer|Basic)\s+\S+/gi, "$1 [redacted]")
    .replace(/(?<![\w-])(?:sk|hth)[-_][\w-]{8,}/g, "[redacted]")
    .trim();
  return line.length > MAX_SNIPPET_CHARS ? `${line.slice(0, MAX_SNIPPET_CHARS)}…` : line;
}

/** The message of an error body: OpenAI's `{error: {message}}`, older vLLM's `{object: "error", message}`,
 * FastAPI's `{detail}`, `{error: "text"}`, or the text itself. */
function bodyMessage(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text.trim() || "status code (no body)";
  }
  return errorMessage(json) ?? JSON.stringify(json);
}

function errorMessage(json: unknown): string | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const body = json as { error?: unknown; message?: unknown; detail?: unknown };
  if (typeof body.error === "string") return body.error;
  if (typeof body.error === "object" && body.error !== null) return errorMessage(body.error);
  const message = body.message ?? body.detail;
  if (message === undefined || message === null) return undefined;
  return typeof message === "string" ? message : JSON.stringify(message);
}

function toEngineError(
  error: unknown,
  state: {
    timedOut: TimeoutKind | null;
    callerAborted: boolean;
    sawToken: boolean;
    options: OpenAiCompatibleOptions;
  },
): EngineError {
  const afterFirstToken = state.sawToken;
  // The caller's abort and our own timers explain whatever followed them (an aborted body may end
  // quietly, which would otherwise read as a cut).
  if (state.callerAborted)
    return new EngineError("aborted", "The request was cancelled", { afterFirstToken });
  if (state.timedOut === "first_token" || errorCode(error) === "UND_ERR_HEADERS_TIMEOUT") {
    return new EngineError("timeout", `No first token within ${state.options.firstTokenTimeoutMs} ms`, {
      afterFirstToken,
    });
  }
  if (state.timedOut === "idle") {
    return new EngineError("timeout", `The stream stalled for more than ${state.options.idleTimeoutMs} ms`, {
      afterFirstToken,
    });
  }
  if (state.timedOut === "total") {
    return new EngineError("timeout", `The generation took longer than ${state.options.totalTimeoutMs} ms`, {
      afterFirstToken,
    });
  }
  if (error instanceof EngineError) return error;
  // Refused, reset or timed out before any response: the server could not be reached.
  if (error instanceof ConnectionFailure) {
    const refused = errorCode(error) === "HEARTH_HOST_REFUSED" && error.reason instanceof Error;
    return new EngineError(
      "connect",
      refused && error.reason instanceof Error ? error.reason.message : "Could not reach the model server",
      { afterFirstToken },
    );
  }
  // A socket torn down mid-body ("other side closed"), a malformed chunk, or an error event.
  return afterFirstToken
    ? new EngineError("cut", "The model server's stream broke mid-answer", { afterFirstToken })
    : new EngineError(
        "upstream",
        `The model server failed: ${error instanceof Error ? error.message : String(error)}`,
      );
}

function errorCode(error: unknown): unknown {
  const cause = error instanceof ConnectionFailure ? error.reason : error;
  return typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
}
