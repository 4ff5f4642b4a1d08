// A webhook receiver in the test process, for the alert specs: a real HTTP server on loopback that
// keeps every POST it gets (the server under test may reach loopback: HEARTH_ALERT_WEBHOOK_HOSTS)
// and answers 204, or what a spec's `answer` says (to see a failed delivery tried again).
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
  /** The status a webhook is answered with (kept in `received` either way). */
  answer: (hook: ReceivedWebhook) => number;
  close: () => Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let port = 0;
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    request.on("end", () => {
      const hook = {
        path: request.url ?? "",
        headers: request.headers,
        text,
        body: JSON.parse(text || "{}") as Record<string, unknown>,
      };
      received.push(hook);
      response.writeHead(receiver.answer(hook)).end();
    });
  });
  const receiver: WebhookReceiver = {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    answer: () => 204,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return receiver;
}
