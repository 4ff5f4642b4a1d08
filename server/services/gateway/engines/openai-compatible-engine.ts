// The engine for OpenAI-compatible servers: vLLM (the production sidecar), llama.cpp's server,
// Ollama, TGI, LM Studio. Streams through the official `openai` client over an undici agent with
// pooled keep-alive connections and a connect timeout; bounds the wait for the first token and the
// gap between chunks with its own timers; keeps GPT-OSS reasoning (vLLM's `reasoning_content`, or
// `reasoning` in newer versions) apart from the answer.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { Agent, fetch as undiciFetch } from "undici";
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
}

type TimeoutKind = "first_token" | "idle" | "total";
type StreamDelta = { content?: string | null; reasoning_content?: string | null; reasoning?: string | null };

export function createOpenAiCompatibleEngine(
  options: OpenAiCompatibleOptions,
): Engine & { close(): Promise<void> } {
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs },
    keepAliveTimeout: 30_000,
    connections: options.maxConnections ?? null,
    // Streams are bounded by our own first-token and idle timers, not undici's body timeout.
    bodyTimeout: 0,
    headersTimeout: options.firstTokenTimeoutMs,
  });
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey ?? "not-needed",
    maxRetries: 0,
    timeout: options.totalTimeoutMs,
    // undici's own fetch with its own agent (the global fetch's bundled undici may differ in version).
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      undiciFetch(input as never, { ...init, dispatcher: agent } as never)) as unknown as typeof fetch,
  });

  async function* generate(request: GenerateRequest): AsyncGenerator<GenerateEvent> {
    const controller = new AbortController();
    let timedOut: TimeoutKind | null = null;
    const onCallerAbort = () => controller.abort(request.signal.reason);
    request.signal.addEventListener("abort", onCallerAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const arm = (kind: "first_token" | "idle", ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = kind;
        controller.abort(new Error(kind));
      }, ms);
    };
    // The client's own timeout stops at the response headers; this one bounds the whole stream.
    const total = setTimeout(() => {
      timedOut ??= "total";
      controller.abort(new Error("total"));
    }, options.totalTimeoutMs);
    let sawToken = false;
    let finished = false;
    try {
      if (request.signal.aborted) throw new EngineError("aborted", "The request was cancelled");
      arm("first_token", options.firstTokenTimeoutMs);
      const stream = await client.chat.completions.create(
        {
          model: request.model,
          messages: request.messages,
          stream: true,
          stream_options: { include_usage: true },
          ...(request.temperature != null ? { temperature: request.temperature } : {}),
          ...(request.topP != null ? { top_p: request.topP } : {}),
          ...(request.maxOutputTokens != null ? { max_tokens: request.maxOutputTokens } : {}),
          ...(request.reasoningEffort ? { reasoning_effort: request.reasoningEffort } : {}),
        },
        { signal: controller.signal },
      );
      for await (const chunk of stream) {
        if (chunk.usage) {
          yield {
            type: "usage",
            usage: {
              prompt_tokens: chunk.usage.prompt_tokens,
              completion_tokens: chunk.usage.completion_tokens,
              total_tokens: chunk.usage.total_tokens,
            },
          };
        }
        const choice = chunk.choices[0];
        if (!choice) continue;
        const delta = choice.delta as StreamDelta;
        const reasoning = delta.reasoning_content ?? delta.reasoning;
        if (reasoning || delta.content) {
          sawToken = true;
          arm("idle", options.idleTimeoutMs);
        }
        if (reasoning) yield { type: "reasoning.delta", text: reasoning };
        if (delta.content) yield { type: "output_text.delta", text: delta.content };
        if (choice.finish_reason) {
          finished = true;
          yield { type: "finish", reason: choice.finish_reason };
        }
      }
      if (!finished) {
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
      // Leaving the loop early (the consumer stopped) must cancel the upstream generation.
      if (!finished) controller.abort(new Error("consumer stopped"));
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
  // The caller's abort and our own timers explain whatever followed them: the SDK ends a stream
  // aborted mid-body quietly, which would otherwise read as a cut.
  if (state.callerAborted)
    return new EngineError("aborted", "The request was cancelled", { afterFirstToken });
  if (state.timedOut === "first_token") {
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
  if (error instanceof APIUserAbortError)
    return new EngineError("aborted", "The request was cancelled", { afterFirstToken });
  if (error instanceof APIConnectionTimeoutError) {
    return new EngineError("timeout", "The model server did not answer in time", { afterFirstToken });
  }
  if (error instanceof APIConnectionError) {
    return afterFirstToken
      ? new EngineError("cut", "The connection to the model server broke mid-answer", { afterFirstToken })
      : new EngineError("connect", "Could not reach the model server", { afterFirstToken });
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    if (status === 429) {
      const retryAfter = Number((error.headers as Headers | undefined)?.get("retry-after"));
      return new EngineError("rate_limited", "The model server is at capacity (429)", {
        status,
        retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
      });
    }
    if (status >= 400 && status < 500) {
      return new EngineError(
        "bad_request",
        `The model server rejected the request (${status}): ${error.message}`,
        { status },
      );
    }
    return new EngineError("upstream", `The model server failed (${status})`, { status, afterFirstToken });
  }
  // undici reports a socket torn down mid-body as a TypeError ("terminated").
  return afterFirstToken
    ? new EngineError("cut", "The model server's stream broke mid-answer", { afterFirstToken })
    : new EngineError(
        "upstream",
        `The model server failed: ${error instanceof Error ? error.message : String(error)}`,
      );
}
