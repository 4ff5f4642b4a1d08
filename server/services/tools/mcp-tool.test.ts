// The MCP adapter against real MCP servers on loopback, made with the official SDK (stateless, a
// server and transport per request, as its examples do; one stateful, for the session's end):
// listing (the allowlist, names the model cannot call, pages), calling through the prefix, a
// tool's own error, what is sent (secret headers), and the failures that are outcomes (a server
// that is down, a timeout, a refused host, a redirect) or, for a cancelled question, a rejection.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { createUserActor } from "../../test/actors";
import { freePort } from "../../test/free-port";
import { rejectionOf } from "../../test/rejection";
import { setHostResolver } from "../gateway/backend-connector";
import { updateInstanceSettings } from "../settings/update-instance-settings";
import { createMcpToolSource } from "./mcp-tool";
import type { OpenedTool, ToolSource } from "./tool-source";

type McpTool = OpenedTool & { type: "mcp" };

interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

interface TestServer {
  url: string;
  origin: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];
const sources: ToolSource[] = [];

afterEach(async () => {
  setHostResolver(null);
  await Promise.all(sources.splice(0).map((source) => source.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The tools of the test server: `add`, `fail` (a tool error), `slow`, `picture`, `big`, `has.dot`. */
function toolServer(): McpServer {
  const server = new McpServer({ name: "test-tools", version: "1.0.0" });
  server.registerTool(
    "add",
    { description: "Adds two numbers", inputSchema: { a: z.number(), b: z.number() } },
    ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }),
  );
  server.registerTool("fail", { description: "Always fails" }, () => ({
    isError: true,
    content: [{ type: "text", text: "the database is down" }],
  }));
  server.registerTool("slow", { description: "Takes its time" }, async (extra) => {
    await sleep(5_000, undefined, { signal: extra.signal, ref: false }).catch(() => undefined);
    return { content: [{ type: "text", text: "done" }] };
  });
  server.registerTool("picture", { description: "A chart" }, () => ({
    content: [
      { type: "text", text: "the chart:" },
      { type: "image", mimeType: "image/png", data: Buffer.alloc(3_000).toString("base64") },
    ],
  }));
  server.registerTool("big", { description: "A long text" }, () => ({
    content: [{ type: "text", text: "y".repeat(100_000) }],
  }));
  server.registerTool("has.dot", { description: "A name the model cannot call" }, () => ({ content: [] }));
  return server;
}

async function listen(handler: RequestListener, path = "/mcp"): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const started: TestServer = {
    url: `${origin}${path}`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(started);
  return started;
}

/** A stateless MCP server: a new server and transport for every POST; no GET stream. */
function statelessServer(build: () => McpServer | Server = toolServer): Promise<TestServer> {
  return listen(statelessHandler(build));
}

function statelessHandler(build: () => McpServer | Server): RequestListener {
  return (request, response) => {
    if (request.method !== "POST") {
      response.writeHead(405).end();
      return;
    }
    const server = build();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on("close", () => void Promise.all([transport.close(), server.close()]));
    void server.connect(transport).then(() => transport.handleRequest(request, response));
  };
}

/** A stateful MCP server: a session per initialize, ended by the client's DELETE. */
function statefulServer(): Promise<TestServer> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  return listen((request, response) => {
    const id = request.headers["mcp-session-id"];
    const existing = typeof id === "string" ? sessions.get(id) : undefined;
    if (existing) {
      void existing.handleRequest(request, response);
      return;
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => void sessions.set(sessionId, transport),
    });
    void toolServer()
      .connect(transport)
      .then(() => transport.handleRequest(request, response));
  });
}

function mcpTool(overrides: Partial<McpTool> & { url: string }): McpTool {
  return {
    type: "mcp",
    name: "docs",
    allowed_tools: null,
    headers: {},
    secret_headers: {},
    timeout_ms: 2_000,
    ...overrides,
  };
}

function source(tool: McpTool): ToolSource {
  const created = createMcpToolSource(tool);
  sources.push(created);
  return created;
}

const live = () => new AbortController().signal;

describe("listing", () => {
  test("offers every tool as <label>__<tool>, with its schema, leaving out names the model cannot call", async () => {
    const server = await statelessServer();
    const docs = source(mcpTool({ url: server.url }));
    expect(docs).toMatchObject({ kind: "mcp", label: "docs" });
    const functions = await docs.functions(live());
    expect(functions.map((fn) => fn.name)).toEqual([
      "docs__add",
      "docs__fail",
      "docs__slow",
      "docs__picture",
      "docs__big",
    ]);
    expect(functions[0]).toMatchObject({
      description: "Adds two numbers",
      parameters: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } } },
    });
  });

  test("allowed_tools keeps only the tools named", async () => {
    const server = await statelessServer();
    const docs = source(mcpTool({ url: server.url, allowed_tools: ["add", "missing"] }));
    expect((await docs.functions(live())).map((fn) => fn.name)).toEqual(["docs__add"]);
  });

  test("follows the pages of a long list and offers at most 128 tools", async () => {
    const pageSize = 50;
    const server = await statelessServer(() => {
      const low = new Server({ name: "many", version: "1.0.0" }, { capabilities: { tools: {} } });
      low.setRequestHandler(ListToolsRequestSchema, (request) => {
        const start = Number(request.params?.cursor ?? 0);
        return {
          tools: Array.from({ length: pageSize }, (_, index) => ({
            name: `t${start + index}`,
            inputSchema: { type: "object" as const },
          })),
          nextCursor: String(start + pageSize), // never ends
        };
      });
      return low;
    });
    const functions = await source(mcpTool({ url: server.url, name: "many" })).functions(live());
    expect(functions).toHaveLength(128);
    expect(functions[127]).toEqual({ name: "many__t127", description: "", parameters: { type: "object" } });
    const lists = server.requests.filter((request) => request.method === "POST").length;
    expect(lists).toBe(2 + 3); // initialize and its notification, then three pages
  });
});

describe("calling", () => {
  test("a call through the prefix runs the server's tool", async () => {
    const server = await statelessServer();
    const docs = source(mcpTool({ url: server.url }));
    await docs.functions(live());
    expect(await docs.call("docs__add", '{"a": 2, "b": 40}', live())).toEqual({
      ok: true,
      content: "42",
      summary: "mcp docs__add → 1 text part, 2 B",
    });
  });

  test("a call without listing first lists, then calls", async () => {
    const server = await statelessServer();
    const outcome = await source(mcpTool({ url: server.url })).call("docs__add", '{"a":1,"b":1}', live());
    expect(outcome).toMatchObject({ ok: true, content: "2" });
  });

  test("parts other than text are described; a long result is cut at 64 KiB", async () => {
    const server = await statelessServer();
    const docs = source(mcpTool({ url: server.url }));
    expect(await docs.call("docs__picture", "", live())).toEqual({
      ok: true,
      content: "the chart:\n[image/png, 3 kB]",
      summary: "mcp docs__picture → 1 text part, 1 image part, 28 B",
    });
    const big = await docs.call("docs__big", "{}", live());
    expect(big.content).toBe(`${"y".repeat(65_536)}\n[The result was cut at 65536 bytes.]`);
    expect(big.summary).toBe("mcp docs__big → 1 text part, 100 kB");
  });

  test("an answer larger than 4 MiB is refused while it is read, not held in memory whole", async () => {
    const server = await statelessServer(() => {
      const built = toolServer();
      built.registerTool("huge", { description: "Too much" }, () => ({
        content: [{ type: "text", text: "z".repeat(5 * 1024 * 1024) }],
      }));
      return built;
    });
    // Reading stops at the bound; the SDK then waits for an answer that never completes, so the call
    // ends at its timeout, as a failure.
    const huge = await source(mcpTool({ url: server.url, timeout_ms: 1_000 })).call(
      "docs__huge",
      "{}",
      live(),
    );
    expect(huge.ok).toBe(false);
    expect(huge.content).toMatch(/could not run huge/);
  });

  test("a tool's error (isError) is not ok and gives its text", async () => {
    const server = await statelessServer();
    expect(await source(mcpTool({ url: server.url })).call("docs__fail", "{}", live())).toEqual({
      ok: false,
      content: "the database is down",
      summary: "mcp docs__fail → error, 1 text part, 20 B",
    });
  });

  test("unknown tools, tools left out of allowed_tools and other prefixes are refused without a call", async () => {
    const server = await statelessServer();
    const docs = source(mcpTool({ url: server.url, allowed_tools: ["add", "ghost"] }));
    await docs.functions(live());
    const before = server.requests.length;
    for (const name of ["docs__fail", "other__add", "add"]) {
      expect(await docs.call(name, "{}", live())).toMatchObject({
        ok: false,
        content: expect.stringMatching(/is not one of the tools allowed on the MCP server docs/) as string,
      });
    }
    expect(await docs.call("docs__ghost", "{}", live())).toMatchObject({
      ok: false,
      content: "The MCP server docs has no tool docs__ghost.",
      summary: "mcp docs__ghost → unknown tool",
    });
    expect(await docs.call("docs__add", "[1]", live())).toMatchObject({
      ok: false,
      content: expect.stringMatching(/not a JSON object/) as string,
    });
    expect(server.requests.length).toBe(before);
  });

  test("headers and secret headers reach the server on every request, never a summary", async () => {
    const server = await statelessServer();
    const docs = source(
      mcpTool({
        url: server.url,
        headers: { "X-Team": "blue" },
        secret_headers: { Authorization: "Bearer mcp-secret-token" },
      }),
    );
    const outcome = await docs.call("docs__add", '{"a":1,"b":2}', live());
    expect(outcome.ok).toBe(true);
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
    for (const request of server.requests) {
      expect(request.headers).toMatchObject({ authorization: "Bearer mcp-secret-token", "x-team": "blue" });
    }
    expect(outcome.summary).not.toContain("mcp-secret-token");
  });

  test("a stateful session is ended (DELETE) when the source is closed", async () => {
    const server = await statefulServer();
    const docs = createMcpToolSource(mcpTool({ url: server.url }));
    expect((await docs.call("docs__add", '{"a":3,"b":4}', live())).content).toBe("7");
    await docs.close();
    const ended = server.requests.find((request) => request.method === "DELETE");
    expect(ended?.headers["mcp-session-id"]).toEqual(expect.any(String));
  });
});

describe("failures", () => {
  test("a server that is down: functions() rejects, call is not ok", async () => {
    const port = await freePort();
    const docs = source(mcpTool({ url: `http://127.0.0.1:${port}/mcp` }));
    const error = await rejectionOf(docs.functions(live()));
    expect(error.message).toMatch(/^The MCP server docs could not list its tools: .*ECONNREFUSED/);
    const outcome = await docs.call("docs__add", "{}", live());
    expect(outcome.ok).toBe(false);
    expect(outcome.content).toMatch(/could not run add: .*ECONNREFUSED/);
    expect(outcome.summary).toMatch(/^mcp docs__add → failed: .*ECONNREFUSED/);
  });

  test("a tool that takes longer than timeout_ms times out", async () => {
    const server = await statelessServer();
    const docs = source(mcpTool({ url: server.url, timeout_ms: 500 }));
    await docs.functions(live());
    const started = Date.now();
    expect(await docs.call("docs__slow", "{}", live())).toEqual({
      ok: false,
      content: "The MCP server docs could not run slow: timed out after 500 ms",
      summary: "mcp docs__slow → failed: timed out after 500 ms",
    });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test("a host the allowlist refuses is never connected to", async () => {
    const server = await statelessServer();
    await updateInstanceSettings(await createUserActor("admin"), { backend_allowed_hosts: ["private"] });
    const docs = source(mcpTool({ url: server.url }));
    expect((await rejectionOf(docs.functions(live()))).message).toMatch(
      /127\.0\.0\.1 is not in the backend host allowlist/,
    );
    const outcome = await docs.call("docs__add", "{}", live());
    expect(outcome.ok).toBe(false);
    expect(outcome.summary).toMatch(
      /^mcp docs__add → refused: .*127\.0\.0\.1 is not in the backend host allowlist/,
    );

    setHostResolver(async () => [{ address: "169.254.169.254", family: 4 }]);
    const metadata = source(mcpTool({ url: "http://metadata.example.test/mcp" }));
    expect((await rejectionOf(metadata.functions(live()))).message).toMatch(/169\.254\.169\.254.*link-local/);
    expect(server.requests).toEqual([]);
  });

  test("a redirect is not followed, even within the server's origin", async () => {
    const mcp = statelessHandler(toolServer);
    const server = await listen((request, response) =>
      request.url === "/old" ? response.writeHead(307, { location: "/mcp" }).end() : mcp(request, response),
    );
    const docs = source(mcpTool({ url: `${server.origin}/old` }));
    expect((await rejectionOf(docs.functions(live()))).message).toMatch(
      /redirected to http:\/\/127\.0\.0\.1:\d+\/mcp, which tools do not follow/,
    );
    expect(server.requests.map((request) => request.path)).toEqual(["/old"]);
  });

  test("the caller's signal aborting rejects the call with its reason", async () => {
    const server = await statelessServer();
    const docs = source(mcpTool({ url: server.url }));
    await docs.functions(live());
    const controller = new AbortController();
    const reason = new Error("question cancelled");
    setTimeout(() => controller.abort(reason), 100);
    expect(await rejectionOf(docs.call("docs__slow", "{}", controller.signal))).toBe(reason);
    expect(await rejectionOf(docs.functions(controller.signal))).toBe(reason);
  });
});
