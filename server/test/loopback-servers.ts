// Real servers on loopback for tests of the assistant's own tools: a plain HTTP API (each request
// seen, the handler the test's) and an MCP server over streamable HTTP made with the official SDK
// (stateless: a new server and transport for every POST, as the SDK's examples do).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

export interface LoopbackServer {
  origin: string;
  /** What each request asked: method, URL (path and query), headers and body. */
  seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[];
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void | Promise<void>;

export async function startHttpServer(handler: Handler): Promise<LoopbackServer> {
  const seen: LoopbackServer["seen"] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      void Promise.resolve(handler(request, response, body)).catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An MCP server at `<origin>/mcp` whose tools `register` defines. */
export function startMcpServer(register: (server: McpServer) => void): Promise<LoopbackServer> {
  return startHttpServer(async (request, response, body) => {
    if (request.method !== "POST") {
      response.writeHead(405).end();
      return;
    }
    const server = new McpServer({ name: "test-tools", version: "1.0.0" });
    register(server);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, JSON.parse(body) as unknown);
  });
}
