// An HTTP operation as a tool: one function whose arguments fill the `{name}` placeholders of the
// URL's path, then the query string (GET, DELETE) or a JSON body (POST, PUT, PATCH). Calls connect
// under the instance's backend host allowlist through the same checked connector as backends (so a
// name that resolves somewhere else at call time, DNS rebinding, is refused too), never follow a
// redirect, and are bounded by the tool's timeout and response size. The tool's own failures are
// outcomes the model reads; only the question's cancellation rejects. The small helpers for
// arguments, sizes and failures are exported for the MCP adapter (mcp-tool.ts), which shares them.
import { Agent, request, type Dispatcher } from "undici";
import { checkedConnector, HostRefusedError } from "../gateway/backend-connector";
import type { OpenedTool, ToolFunction, ToolOutcome, ToolSource } from "./tool-source";

type HttpTool = OpenedTool & { type: "http" };

/** Bounds the TCP (and TLS) connect only; the tool's timeout_ms bounds the whole call. */
const CONNECT_TIMEOUT_MS = 10_000;
const SUMMARY_MAX = 200;
const ACCEPT = "application/json, text/plain;q=0.9, */*;q=0.1";
const USER_AGENT = "Hearth-tool";
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

export const NOT_AN_OBJECT =
  "The arguments were not a JSON object: call the function again with a JSON object.";

let agent: Agent | undefined;

/** One agent for every HTTP tool of the process: it pools connections per origin. */
function toolAgent(): Agent {
  agent ??= new Agent({ connect: checkedConnector({ timeout: CONNECT_TIMEOUT_MS }) });
  return agent;
}

/** The model's arguments as an object (an empty text means none), or null when they are not one. */
export function parseArguments(args: string): Record<string, unknown> | null {
  if (args.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(args);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** `812 B`, `1.2 kB`, `3.4 MB`: sizes for summaries. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Number((bytes / 1000).toFixed(1))} kB`;
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
}

/** `text` cut to `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Why a request failed, in one line: the allowlist's refusal, or the network's error (its
 * innermost cause, as fetch wraps it in "fetch failed"; its message, never its stack).
 */
export function requestFailure(error: unknown): { refused: boolean; reason: string } {
  let innermost = error;
  for (let depth = 0; depth < 8 && innermost instanceof Error; depth++) {
    if (
      innermost instanceof HostRefusedError ||
      (innermost as { code?: unknown }).code === "HEARTH_HOST_REFUSED"
    ) {
      return { refused: true, reason: clip(oneLine(innermost.message), 300) };
    }
    if (!(innermost.cause instanceof Error)) break;
    innermost = innermost.cause;
  }
  if (!(innermost instanceof Error)) return { refused: false, reason: "the request failed" };
  const code = (innermost as { code?: unknown }).code;
  // An AggregateError (every address of a name refused the connection) has no message, only a code.
  const message = oneLine(innermost.message) || (typeof code === "string" ? code : innermost.name);
  return { refused: false, reason: clip(message, 200) };
}

/** An argument as text: strings as they are, objects and arrays as JSON. */
function argumentText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * A placeholder's value is exactly one path segment: empty, "." and ".." are refused, as they would
 * name another resource (the collection, or a path above the tool's).
 */
function segmentValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = argumentText(value);
  return text === "" || text === "." || text === ".." ? null : encodeURIComponent(text);
}

/** Query values: none for null, one per item for an array (a repeated key). */
function queryValues(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => queryValues(item));
  return [argumentText(value)];
}

type BuiltRequest = { url: URL; body?: string } | { problem: string };

/** The URL (placeholders filled, query added) and body of one call, or what is wrong with the arguments. */
function buildRequest(tool: HttpTool, args: Record<string, unknown>): BuiltRequest {
  // Filled in the text, not a parsed URL: parsing would have percent-encoded the braces.
  const [, origin = "", path = "", rest = ""] = /^([^:]+:\/\/[^/?#]*)([^?#]*)(.*)$/s.exec(tool.url) ?? [];
  const remaining = { ...args };
  const problems: string[] = [];
  const filledPath = path.replace(/\{([^{}/]+)\}/g, (_match, name: string) => {
    const value = segmentValue(args[name]);
    delete remaining[name];
    if (value === null) problems.push(name);
    return value ?? "";
  });
  if (problems.length > 0) {
    return {
      problem: `The argument ${problems.join(", ")} is missing or not a path segment (empty, "." or "..").`,
    };
  }
  const url = new URL(origin + filledPath + rest);
  url.hash = "";
  if (WITH_BODY.has(tool.method)) return { url, body: JSON.stringify(remaining) };
  for (const [key, value] of Object.entries(remaining)) {
    for (const item of queryValues(value)) url.searchParams.append(key, item);
  }
  return { url };
}

function headersFor(tool: HttpTool, withBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: ACCEPT, "user-agent": USER_AGENT };
  // Lower-cased, so the tool's own `Accept` replaces the default rather than being sent twice.
  for (const [name, value] of Object.entries({ ...tool.headers, ...tool.secret_headers })) {
    headers[name.toLowerCase()] = value;
  }
  if (withBody) headers["content-type"] = "application/json";
  return headers;
}

/** Drops a body not read to its end (and the connection with it); undici reports that as an error. */
function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => undefined).destroy();
}

/** Reads at most `max` bytes of the body; the rest is not read (the connection is dropped instead). */
async function readBounded(
  body: Dispatcher.ResponseData["body"],
  max: number,
): Promise<{ text: string; bytes: number; cut: boolean }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let cut = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (bytes + chunk.length > max) {
      chunks.push(chunk.subarray(0, max - bytes));
      bytes = max;
      cut = true;
      discard(body);
      break;
    }
    chunks.push(chunk);
    bytes += chunk.length;
  }
  // A streaming decode keeps back a character the cut split in two instead of mangling it.
  const text = new TextDecoder().decode(Buffer.concat(chunks), { stream: cut });
  return { text, bytes, cut };
}

/** A URL for people to read: without the user and password it may carry (the schema allows them). */
function shownUrl(url: string): string {
  return url.replace(/^([^:/?#]+:\/\/)[^/?#]*@/, "$1");
}

/** The summary line: `GET https://host/path → 200, 1.2 kB`, the URL shortened to fit. */
function summaryOf(method: string, url: string, result: string): string {
  const shortResult = clip(result, 120);
  const room = Math.max(SUMMARY_MAX - method.length - shortResult.length - 4, 20);
  return clip(`${method} ${clip(shownUrl(url), room)} → ${shortResult}`, SUMMARY_MAX);
}

async function send(
  tool: HttpTool,
  built: { url: URL; body?: string },
  signal: AbortSignal,
): Promise<ToolOutcome> {
  const target = built.url.href;
  const response = await request(target, {
    method: tool.method,
    headers: headersFor(tool, built.body !== undefined),
    body: built.body,
    signal,
    dispatcher: toolAgent(),
  });
  const status = response.statusCode;
  const location = response.headers.location;
  if (REDIRECTS.has(status) && typeof location === "string") {
    discard(response.body);
    const to = shownUrl(URL.canParse(location, target) ? new URL(location, target).href : location);
    return {
      ok: false,
      content: `The server answered HTTP ${status}: redirected to ${clip(to, 500)}, which tools do not follow.`,
      summary: summaryOf(tool.method, target, `${status}, redirect not followed`),
    };
  }
  const { text, bytes, cut } = await readBounded(response.body, tool.max_response_bytes);
  const cutLine = cut ? `\n[The response was cut at ${tool.max_response_bytes} bytes.]` : "";
  const size = `${formatBytes(bytes)}${cut ? " (cut)" : ""}`;
  const ok = status >= 200 && status < 300;
  const content = ok
    ? `${text || `(HTTP ${status}, empty body)`}${cutLine}`
    : `The server answered HTTP ${status}${text ? `:\n${text}` : " with an empty body."}${cutLine}`;
  return { ok, content, summary: summaryOf(tool.method, target, `${status}, ${size}`) };
}

export function createHttpToolSource(tool: HttpTool): ToolSource {
  const fn: ToolFunction = { name: tool.name, description: tool.description, parameters: tool.parameters };
  const refuse = (content: string, result: string): ToolOutcome => ({
    ok: false,
    content,
    summary: summaryOf(tool.method, tool.url, result),
  });

  return {
    kind: "http",
    label: tool.name,
    functions: async () => [fn],
    async call(name, args, signal) {
      signal.throwIfAborted();
      if (name !== tool.name)
        return refuse(`There is no function named ${name} here.`, `no function ${name}`);
      const parsed = parseArguments(args);
      if (!parsed) return refuse(NOT_AN_OBJECT, "arguments not a JSON object");
      const built = buildRequest(tool, parsed);
      if ("problem" in built) return refuse(built.problem, "missing argument");

      const timeout = AbortSignal.timeout(tool.timeout_ms);
      try {
        return await send(tool, built, AbortSignal.any([signal, timeout]));
      } catch (error) {
        signal.throwIfAborted(); // the question was cancelled: that is the caller's, not an outcome
        const url = built.url.href;
        if (timeout.aborted) {
          const reason = `timed out after ${tool.timeout_ms} ms`;
          return {
            ok: false,
            content: `The request ${reason}.`,
            summary: summaryOf(tool.method, url, reason),
          };
        }
        const { refused, reason } = requestFailure(error);
        return {
          ok: false,
          content: refused ? reason : `The request failed: ${reason}`,
          summary: summaryOf(tool.method, url, refused ? `refused: ${reason}` : `failed: ${reason}`),
        };
      }
    },
    close: async () => undefined,
  };
}
