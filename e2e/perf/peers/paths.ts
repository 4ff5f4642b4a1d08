// The four ways the peers benchmark reaches the same model: straight to the vLLM simulator, through
// Portkey's gateway, and through Hearth's two runtime APIs. Each path knows how to ask for a
// streamed answer (timed to its first token, read to its end, or left at its first token) and a
// whole one, and how to tell a complete answer from a failed one. The client is undici's
// `request` on an agent with no connection limit, so a thousand streams are a thousand sockets
// and the client's own cost is the same for every path. Each slice starts on a new agent: a
// socket left idle by the previous slice may be one the server is closing just then (its
// keep-alive timeout), and a request written to it fails with ECONNRESET, which is the client's
// doing, not the server's.
import { Agent, request } from "undici";

export type PathId = "direct" | "portkey" | "hearth-stream" | "hearth-v1";

export const QUESTION = "How many users can one GPU serve?";
export const MODEL = "gpt-oss-20b";
export const ASSISTANT_ID = "bench";

// A browser waits far longer than undici's default 10 s for a connection; a gateway whose
// listen queue overflows in a burst makes the client retry its SYN for that long.
const newAgent = () => new Agent({ connections: null, connect: { timeout: 60_000 } });
let client = newAgent();

/** Closes the client's connections and starts over with none (between slices). */
export async function freshClient(): Promise<void> {
  const old = client;
  client = newAgent();
  await old.destroy();
}

export const closeClient = () => client.destroy();

interface Call {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface StreamCall extends Call {
  /** True for a line that carries the first token (reasoning or answer). */
  isToken: (line: string) => boolean;
  /** Text the end of a complete stream holds. */
  completeMarker: string;
  /** Text found in a stream that failed midway. */
  errorMarker: string;
}

export interface Path {
  id: PathId;
  label: string;
  stream: () => StreamCall;
  /** A whole answer; `okMarker` is found in a successful response body. */
  plain: () => Call & { okMarker: string };
}

export interface Outcome {
  ok: boolean;
  /** From sending the request to the first token (streams) or to the whole answer (not streamed). */
  ttftMs: number | null;
  totalMs: number;
  error?: string;
}

const openAiToken = (line: string) =>
  line.startsWith("data: {") && /"(content|reasoning_content)":"[^"]/.test(line);
const json = { "content-type": "application/json" };

function openAiPath(
  id: PathId,
  label: string,
  url: string,
  headers: Record<string, string>,
  model: string,
): Path {
  const call = (stream: boolean) => ({
    url: `${url}/chat/completions`,
    headers: { ...json, ...headers },
    body: JSON.stringify({ model, stream, messages: [{ role: "user", content: QUESTION }] }),
  });
  return {
    id,
    label,
    stream: () => ({
      ...call(true),
      isToken: openAiToken,
      completeMarker: "data: [DONE]",
      errorMarker: 'data: {"error"',
    }),
    plain: () => ({ ...call(false), okMarker: '"choices"' }),
  };
}

/** Straight to the simulator's OpenAI API (`simUrl` is its origin). */
export const directPath = (simUrl: string) => openAiPath("direct", "direct", `${simUrl}/v1`, {}, MODEL);

/** Portkey forwarding to the simulator as an OpenAI-compatible custom host. */
export const portkeyPath = (portkeyUrl: string, simUrl: string) =>
  openAiPath(
    "portkey",
    "Portkey",
    `${portkeyUrl}/v1`,
    {
      "x-portkey-provider": "openai",
      "x-portkey-custom-host": `${simUrl}/v1`,
      authorization: "Bearer unused",
    },
    MODEL,
  );

/** Hearth's OpenAI-compatible API, the assistant as the model. */
export const hearthV1Path = (hearthUrl: string, apiKey: string) =>
  openAiPath(
    "hearth-v1",
    "Hearth /v1/chat/completions",
    `${hearthUrl}/v1`,
    { authorization: `Bearer ${apiKey}` },
    ASSISTANT_ID,
  );

/** Hearth's own runtime API: /assistants/{id}/stream, and /ask for a whole answer. */
export function hearthStreamPath(hearthUrl: string, apiKey: string): Path {
  const call = (route: string) => ({
    url: `${hearthUrl}/assistants/${ASSISTANT_ID}/${route}`,
    headers: { ...json, authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ message: QUESTION, reasoning: true }),
  });
  return {
    id: "hearth-stream",
    label: "Hearth /assistants/{id}/stream",
    stream: () => ({
      ...call("stream"),
      isToken: (line) =>
        line.startsWith("event: reasoning.delta") || line.startsWith("event: output_text.delta"),
      completeMarker: "event: response.completed",
      errorMarker: "event: error",
    }),
    plain: () => ({ ...call("ask"), okMarker: '"answer"' }),
  };
}

const failed = (started: number, error: unknown): Outcome => ({
  ok: false,
  ttftMs: null,
  totalMs: performance.now() - started,
  error: error instanceof Error ? error.message : String(error),
});

/**
 * One streamed answer: the time to its first token, then (unless `leaveAtFirstToken`, which
 * closes the connection there as a user who goes away does) read to its end.
 */
export async function streamOnce(path: Path, leaveAtFirstToken = false): Promise<Outcome> {
  const call = path.stream();
  const started = performance.now();
  const abort = new AbortController();
  try {
    const response = await request(call.url, {
      method: "POST",
      headers: call.headers,
      body: call.body,
      dispatcher: client,
      signal: abort.signal,
    });
    if (response.statusCode !== 200) {
      const text = await response.body.text();
      return failed(started, `${response.statusCode} ${text.slice(0, 200)}`);
    }
    const decoder = new TextDecoder();
    let ttftMs: number | null = null;
    let partial = "";
    // The last characters of the previous chunk, so that a marker split between two is found.
    let carry = "";
    let broken = false;
    let complete = false;
    for await (const chunk of response.body) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      const window = carry + text;
      broken ||= window.includes(call.errorMarker);
      complete ||= window.includes(call.completeMarker);
      carry = window.slice(-64);
      if (ttftMs !== null) continue;
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      if (!lines.some(call.isToken)) continue;
      ttftMs = performance.now() - started;
      if (leaveAtFirstToken) {
        abort.abort();
        return { ok: true, ttftMs, totalMs: ttftMs };
      }
    }
    const totalMs = performance.now() - started;
    if (broken || ttftMs === null || !complete)
      return {
        ok: false,
        ttftMs,
        totalMs,
        error: `${broken ? "error event" : "incomplete stream"}: ...${carry}`,
      };
    return { ok: true, ttftMs, totalMs };
  } catch (error) {
    if (leaveAtFirstToken && abort.signal.aborted) return { ok: true, ttftMs: null, totalMs: 0 };
    return failed(started, error);
  }
}

/** One whole (not streamed) answer, timed to its last byte. */
export async function plainOnce(path: Path): Promise<Outcome> {
  const call = path.plain();
  const started = performance.now();
  try {
    const response = await request(call.url, {
      method: "POST",
      headers: call.headers,
      body: call.body,
      dispatcher: client,
    });
    const text = await response.body.text();
    const totalMs = performance.now() - started;
    if (response.statusCode !== 200 || !text.includes(call.okMarker))
      return { ok: false, ttftMs: null, totalMs, error: `${response.statusCode} ${text.slice(0, 200)}` };
    return { ok: true, ttftMs: totalMs, totalMs };
  } catch (error) {
    return failed(started, error);
  }
}
