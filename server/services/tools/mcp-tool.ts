// An MCP server (streamable HTTP) as a tool source, through the official SDK's client: its tools
// that the admin allowed are offered to the model as `<label>__<tool>`, and a call is forwarded to
// the server. The session is opened on first use and lives as long as the source (one question).
// Every request goes through undici with the backend host allowlist's checked connector, like an
// HTTP tool's (DNS rebinding included), and no redirect is followed, not even within the origin.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ErrorCode, McpError, type ContentBlock } from "@modelcontextprotocol/sdk/types.js";
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";
import packageJson from "../../../package.json" with { type: "json" };
import { checkedConnector } from "../gateway/backend-connector";
import { clip, formatBytes, NOT_AN_OBJECT, parseArguments, requestFailure } from "./http-tool";
import type { OpenedTool, ToolFunction, ToolOutcome, ToolSource } from "./tool-source";

type McpTool = OpenedTool & { type: "mcp" };

const CONNECT_TIMEOUT_MS = 10_000;
/** A server may list more, over more pages; the model is offered at most this many. */
const MAX_TOOLS = 128;
const MAX_PAGES = 16;
const MAX_CONTENT_BYTES = 64 * 1024;
/** How long closing waits for the server to end a stateful session before dropping it. */
const CLOSE_GRACE_MS = 1_000;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const SUMMARY_MAX = 200;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

let agent: Agent | undefined;

/** One agent for every MCP source of the process (pooled per origin), under the allowlist. */
function mcpAgent(): Agent {
  agent ??= new Agent({ connect: checkedConnector({ timeout: CONNECT_TIMEOUT_MS }) });
  return agent;
}

/**
 * The transport's fetch: undici's, through the checked agent. The SDK itself follows redirects that
 * stay within the origin; a tool follows none, so a redirect fails the request here.
 */
const checkedFetch: FetchLike = async (url, init) => {
  const response = await undiciFetch(url, {
    ...(init as UndiciRequestInit),
    redirect: "manual",
    dispatcher: mcpAgent(),
  });
  const location = response.headers.get("location");
  if (REDIRECTS.has(response.status) && location !== null) {
    await response.body?.cancel();
    const to = URL.canParse(location, url) ? new URL(location, url) : null;
    const where = to ? `${to.origin}${to.pathname}` : clip(location, 200);
    throw new Error(`the server redirected to ${where}, which tools do not follow`);
  }
  // The SDK reads whole messages before Hearth sees them: the body is bounded while it is read, so a
  // server cannot exhaust the memory with one answer. (undici's stream is a web ReadableStream.)
  const body = response.body as unknown as ReadableStream<Uint8Array> | null;
  return new Response(body && boundedStream(body, MAX_MESSAGE_BYTES), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers as unknown as Headers,
  });
};

/** What an MCP server may send in one answer (a listing or a call's result), in bytes. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

function boundedStream(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new Error(`the server's answer exceeds ${formatBytes(limit)}`));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/** One part of a tool's result as text: text as it is, anything else described in a line. */
function partText(part: ContentBlock): string {
  switch (part.type) {
    case "text":
      return part.text;
    case "image":
    case "audio":
      return `[${part.mimeType}, ${formatBytes(Math.floor((part.data.length * 3) / 4))}]`;
    case "resource_link":
      return `[link: ${part.name} ${part.uri}]`;
    case "resource":
      return "text" in part.resource
        ? `[resource ${part.resource.uri}]\n${part.resource.text}`
        : `[resource ${part.resource.uri}, ${part.resource.mimeType ?? "binary"}]`;
  }
}

/** `3 text parts`, `1 text part, 1 image part`. */
function partsSummary(parts: ContentBlock[]): string {
  const counts = new Map<string, number>();
  for (const part of parts) counts.set(part.type, (counts.get(part.type) ?? 0) + 1);
  if (counts.size === 0) return "no content";
  return [...counts].map(([type, count]) => `${count} ${type} part${count === 1 ? "" : "s"}`).join(", ");
}

/** Cut to `max` bytes of UTF-8, saying so. */
function bounded(text: string, max: number): { text: string; bytes: number } {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= max) return { text, bytes: bytes.length };
  const kept = new TextDecoder().decode(bytes.subarray(0, max), { stream: true });
  return { text: `${kept}\n[The result was cut at ${max} bytes.]`, bytes: bytes.length };
}

function transportFor(tool: McpTool): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(tool.url), {
    requestInit: { headers: { ...tool.headers, ...tool.secret_headers } },
    fetch: checkedFetch,
  });
}

export function createMcpToolSource(tool: McpTool): ToolSource {
  const prefix = `${tool.name}__`;
  const summaryOf = (name: string, result: string) => clip(`mcp ${name} → ${result}`, SUMMARY_MAX);
  const allowed = (name: string) => tool.allowed_tools === null || tool.allowed_tools.includes(name);
  let client: Client | undefined;
  let transport: StreamableHTTPClientTransport | undefined;
  let connection: Promise<Client> | undefined;
  /** The functions offered, by the name the model calls, to the server's name of the tool. */
  let offered: Map<string, string> | undefined;

  /** A failure as a line: the timeout, the allowlist's refusal, or the error's own message. */
  const failure = (error: unknown): { refused: boolean; reason: string } =>
    error instanceof McpError && error.code === (ErrorCode.RequestTimeout as number)
      ? { refused: false, reason: `timed out after ${tool.timeout_ms} ms` }
      : requestFailure(error);

  // Opened once; a failure is kept too, so a server that is down costs one attempt per question.
  const connect = (signal: AbortSignal): Promise<Client> => {
    connection ??= (async () => {
      const opened = new Client({ name: "hearth", version: packageJson.version }, { capabilities: {} });
      client = opened;
      transport = transportFor(tool);
      await opened.connect(transport, { signal, timeout: tool.timeout_ms });
      return opened;
    })();
    return connection;
  };

  const listTools = async (signal: AbortSignal): Promise<ToolFunction[]> => {
    const server = await connect(signal);
    const listed = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES && listed.length < MAX_TOOLS; page++) {
      const result = await server.listTools(cursor === undefined ? undefined : { cursor }, {
        signal,
        timeout: tool.timeout_ms,
      });
      listed.push(...result.tools);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    const names = new Map<string, string>();
    const functions: ToolFunction[] = [];
    for (const entry of listed.slice(0, MAX_TOOLS)) {
      const name = prefix + entry.name;
      if (!allowed(entry.name) || !FUNCTION_NAME.test(name) || names.has(name)) continue;
      names.set(name, entry.name);
      functions.push({ name, description: entry.description ?? "", parameters: entry.inputSchema });
    }
    offered = names;
    return functions;
  };

  const run = async (
    name: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<ToolOutcome> => {
    if (!offered) await listTools(signal);
    const toolName = offered?.get(name);
    if (toolName === undefined) {
      return {
        ok: false,
        content: `The MCP server ${tool.name} has no tool ${name}.`,
        summary: summaryOf(name, "unknown tool"),
      };
    }
    const server = await connect(signal);
    const result = await server.callTool({ name: toolName, arguments: args }, undefined, {
      signal,
      timeout: tool.timeout_ms,
    });
    const parts = Array.isArray(result.content) ? (result.content as ContentBlock[]) : [];
    let text = parts.map(partText).join("\n");
    if (!text && result.structuredContent) text = JSON.stringify(result.structuredContent);
    const ok = result.isError !== true;
    const content = bounded(
      text || (ok ? "(no content)" : "The tool failed without saying why."),
      MAX_CONTENT_BYTES,
    );
    return {
      ok,
      content: content.text,
      summary: summaryOf(name, `${ok ? "" : "error, "}${partsSummary(parts)}, ${formatBytes(content.bytes)}`),
    };
  };

  return {
    kind: "mcp",
    label: tool.name,
    async functions(signal) {
      try {
        return await listTools(signal);
      } catch (error) {
        signal.throwIfAborted();
        throw new Error(`The MCP server ${tool.name} could not list its tools: ${failure(error).reason}`);
      }
    },
    async call(name, args, signal) {
      signal.throwIfAborted();
      const toolName = name.startsWith(prefix) ? name.slice(prefix.length) : null;
      if (toolName === null || !allowed(toolName)) {
        return {
          ok: false,
          content: `${name} is not one of the tools allowed on the MCP server ${tool.name}.`,
          summary: summaryOf(name, "not allowed"),
        };
      }
      const parsed = parseArguments(args);
      if (!parsed)
        return { ok: false, content: NOT_AN_OBJECT, summary: summaryOf(name, "arguments not a JSON object") };
      try {
        return await run(name, parsed, signal);
      } catch (error) {
        signal.throwIfAborted(); // the question was cancelled: that is the caller's, not an outcome
        const { refused, reason } = failure(error);
        return {
          ok: false,
          content: `The MCP server ${tool.name} could not run ${toolName}: ${reason}`,
          summary: summaryOf(name, refused ? `refused: ${reason}` : `failed: ${reason}`),
        };
      }
    },
    async close() {
      const open = transport;
      // A stateful server keeps a session until told (DELETE), or until its own timeout.
      if (open?.sessionId) {
        await Promise.race([
          open.terminateSession().catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
        ]);
      }
      await client?.close().catch(() => undefined);
    },
  };
}
