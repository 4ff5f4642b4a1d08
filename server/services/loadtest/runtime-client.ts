// One virtual user's request: a real HTTP call to Hearth's public runtime API (`ask` or
// `stream`) with the run's API key, so authentication, the knowledge check, the gateway and the
// model are all on the measured path. Stream answers are parsed as Server-Sent Events to time
// the first answer token and to tell a complete answer from an `error` event or a cut stream.
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { Agent, request } from "undici";
import { errorTable, type ErrorCode } from "../../errors";
import type { ErrorClass } from "../../schemas/loadtest";
import type { AnsweredSample, FailedSample, Sample } from "./sample";

export interface RuntimeClientOptions {
  baseUrl: string;
  apiKey: string;
  assistantId: string;
  endpoint: "ask" | "stream";
  timeoutMs: number;
  /** Connections kept to Hearth: one per concurrent user of the largest level. */
  connections: number;
}

export interface RuntimeRequest {
  message: string;
  user: string;
  metadata: Record<string, string>;
  /** Aborting it (a stopped run) drops the request: it is not a sample. */
  signal: AbortSignal;
}

interface AnswerBody {
  model?: string;
  backend?: string | null;
  usage?: { completion_tokens?: number };
  timings?: { ttft_ms?: number | null; total_ms?: number };
  sla?: { predicted_ms?: number; degraded?: unknown[] };
}

export function classifyStatus(status: number): ErrorClass {
  if (status === 429) return "rate_limited";
  if (status === 504 || status === 408) return "timeout";
  if (status >= 500) return "server_error";
  return "client_error";
}

/** An `error` event's code, classified by the HTTP status Hearth gives that code elsewhere. */
export function classifyErrorCode(code: string | undefined): ErrorClass {
  const entry = code && code in errorTable ? errorTable[code as ErrorCode] : undefined;
  return classifyStatus(entry?.status ?? 500);
}

/** Decode speed from the server's timings: output tokens over the time after the first token. */
function tokensPerSecond(body: AnswerBody): number | null {
  const tokens = body.usage?.completion_tokens;
  const ttft = body.timings?.ttft_ms;
  const total = body.timings?.total_ms;
  if (!tokens || ttft == null || total == null || total <= ttft) return null;
  return tokens / ((total - ttft) / 1000);
}

function answered(body: AnswerBody, latencyMs: number, ttftMs: number | null): AnsweredSample {
  return {
    ok: true,
    latencyMs,
    ttftMs,
    outputTokens: body.usage?.completion_tokens ?? null,
    tokensPerSecond: tokensPerSecond(body),
    backend: body.backend ?? null,
    model: body.model ?? "unknown",
    sla: slaOf(body),
  };
}

/** What SLA control said of the answer (prediction against the server's own total time). */
function slaOf(body: AnswerBody): AnsweredSample["sla"] {
  const predictedMs = body.sla?.predicted_ms;
  const actualMs = body.timings?.total_ms;
  if (typeof predictedMs !== "number" || typeof actualMs !== "number") return null;
  return { predictedMs, actualMs, degraded: (body.sla?.degraded?.length ?? 0) > 0 };
}

const failed = (
  errorClass: ErrorClass,
  latencyMs: number,
  detail: string,
  retryAfter?: number,
): FailedSample => ({
  ok: false,
  errorClass,
  latencyMs,
  detail,
  ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function retryAfterOf(header: string | string[] | undefined): number | undefined {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** Reads an SSE body to its end: the first answer token's time, and how the stream ended. */
async function readStream(body: AsyncIterable<Buffer>, started: number) {
  let firstTokenAt: number | null = null;
  let completed: AnswerBody | null = null;
  let error: { code?: string; message?: string } | null = null;
  const parser = createParser({
    onEvent(event: EventSourceMessage) {
      if (event.event === "output_text.delta") firstTokenAt ??= performance.now();
      else if (event.event === "response.completed") {
        completed = (parseJson(event.data) as { response?: AnswerBody } | null)?.response ?? {};
      } else if (event.event === "error") {
        error = (parseJson(event.data) as { error?: { code?: string } } | null)?.error ?? {};
      }
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
  return {
    ttftMs: firstTokenAt === null ? null : firstTokenAt - started,
    completed: completed as AnswerBody | null,
    error: error as { code?: string; message?: string } | null,
  };
}

export interface RuntimeClient {
  /** A sample, or null when the request was dropped because the run stopped. */
  send(input: RuntimeRequest): Promise<Sample | null>;
  close(): Promise<void>;
}

export function createRuntimeClient(options: RuntimeClientOptions): RuntimeClient {
  // Timeouts are the scenario's (one deadline for the whole answer), not undici's defaults.
  const agent = new Agent({
    connections: options.connections,
    headersTimeout: 0,
    bodyTimeout: 0,
    keepAliveTimeout: 30_000,
  });
  const url = `${options.baseUrl.replace(/\/+$/, "")}/assistants/${encodeURIComponent(options.assistantId)}/${options.endpoint}`;

  async function send(input: RuntimeRequest): Promise<Sample | null> {
    if (input.signal.aborted) return null;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    let responded = false;
    try {
      const response = await request(url, {
        method: "POST",
        dispatcher: agent,
        signal: AbortSignal.any([input.signal, timeout]),
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          "content-type": "application/json",
          accept: options.endpoint === "stream" ? "text/event-stream" : "application/json",
        },
        body: JSON.stringify({ message: input.message, user: input.user, metadata: input.metadata }),
      });
      responded = true;
      if (response.statusCode >= 400) {
        const text = await response.body.text();
        const code = (parseJson(text) as { error?: { code?: string } } | null)?.error?.code;
        return failed(
          classifyStatus(response.statusCode),
          elapsed(),
          code ?? String(response.statusCode),
          retryAfterOf(response.headers["retry-after"]),
        );
      }
      if (options.endpoint === "ask") {
        const body = parseJson(await response.body.text()) as AnswerBody | null;
        if (!body) return failed("server_error", elapsed(), "invalid JSON");
        return answered(body, elapsed(), body.timings?.ttft_ms ?? null);
      }
      const stream = await readStream(response.body, started);
      if (stream.completed) return answered(stream.completed, elapsed(), stream.ttftMs);
      if (stream.error)
        return failed(classifyErrorCode(stream.error.code), elapsed(), stream.error.code ?? "error");
      return failed("cut_stream", elapsed(), "the stream ended without response.completed or error");
    } catch (error) {
      if (input.signal.aborted) return null;
      if (timeout.aborted)
        return failed("timeout", elapsed(), `no complete answer in ${options.timeoutMs} ms`);
      // The connection broke: before a response it is a network error, during a stream a cut one.
      const code = (error as { code?: string }).code ?? (error as Error).name;
      return failed(responded && options.endpoint === "stream" ? "cut_stream" : "network", elapsed(), code);
    }
  }

  return { send, close: () => agent.close() };
}
