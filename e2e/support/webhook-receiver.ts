// A webhook receiver in the test process, for the alert specs: a real HTTP server on loopback that
// keeps every POST it gets (the server under test may reach loopback: HEARTH_ALERT_WEBHOOK_HOSTS).
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The body as sent (what a signature covers), and parsed. */
  text: string;
  body: Record<string, unknown>;
}

export interface WebhookReceiver {
  url: (path: string) => string;
  received: ReceivedWebhook[];
  close: () => Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({
        path: request.url ?? "",
        headers: request.headers,
        text,
        body: JSON.parse(text || "{}") as Record<string, unknown>,
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
