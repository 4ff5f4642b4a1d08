// A real HTTP server on loopback that records every request it gets (method, path, headers) and
// answers as told: the stand-in for a server an attacker controls, to show what Hearth sends it,
// or for a model server that answers with an error, a redirect, or a stream.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CaptureServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  requests: CapturedRequest[];
  close(): Promise<void>;
}

/** Answers every request with `answer` (default: 200 with an empty JSON object). */
export async function captureServer(
  answer: (request: CapturedRequest, response: ServerResponse) => void = (_request, response) =>
    response.writeHead(200, { "content-type": "application/json" }).end("{}"),
): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const captured = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
      requests.push(captured);
      answer(captured, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
