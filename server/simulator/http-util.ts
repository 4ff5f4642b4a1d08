// HTTP plumbing of the simulator on node:http: JSON bodies in and out, OpenAI-style error bodies
// (as vLLM's server returns them), and SSE writes that respect backpressure.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";

const MAX_BODY_BYTES = 32 * 1024 * 1024;

const ERROR_TYPES: Record<number, string> = {
  400: "BadRequestError",
  404: "NotFoundError",
  429: "RateLimitError",
  500: "InternalServerError",
  503: "ServiceUnavailableError",
};

export class SimulatorHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(status: number, message: string) {
  return { error: { message, type: ERROR_TYPES[status] ?? "APIError", param: null, code: status } };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: SimulatorHttpError): void {
  sendJson(res, error.status, errorBody(error.status, error.message), error.headers);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new SimulatorHttpError(413, "Request body too large");
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new SimulatorHttpError(400, "Request body is not valid JSON");
  }
}

/** Parses with a zod schema; failures become a 400 naming each bad field, like vLLM's. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "body"}: ${issue.message}`)
    .join("; ");
  throw new SimulatorHttpError(400, detail);
}

export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  res.flushHeaders();
}

/** Writes one SSE event; waits for the socket to drain when its buffer is full. */
export async function writeEvent(res: ServerResponse, data: unknown): Promise<void> {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  if (res.write(`data: ${text}\n\n`) || res.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
