// Reads a JSON request body with a hard size limit, so that malformed JSON, a wrong content type,
// an oversize body or text the database cannot store get a clear 4xx instead of reaching a parser,
// filling memory or failing deep inside a service. Bodies read by others (tRPC) get the same
// limit through withBodyLimit.
import { AppError } from "../errors";
import { assertStorableInput } from "./storable-input";

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(request, maxBytes);
  if (text.trim() === "") return {};
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Expected Content-Type: application/json, got ${contentType ? `'${contentType.slice(0, 100)}'` : "none"}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "unparseable";
    throw new AppError("INVALID_INPUT", `Malformed JSON body: ${reason}`);
  }
  assertStorableInput(body, "body");
  return body;
}

/**
 * The same request with its body limited to `maxBytes`: whoever reads it past the limit (or
 * reads a body that declares a larger Content-Length) gets PAYLOAD_TOO_LARGE instead of the bytes.
 */
export function withBodyLimit(request: Request, maxBytes: number): Request {
  if (!request.body) return request;
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  let size = 0;
  // Over the declared limit, the body is not even opened (as readJsonBody does).
  const limited =
    Number.isFinite(declared) && declared > maxBytes
      ? new ReadableStream<Uint8Array>({ start: (controller) => controller.error(tooLarge(maxBytes)) })
      : request.body.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              size += chunk.byteLength;
              if (size > maxBytes) controller.error(tooLarge(maxBytes));
              else controller.enqueue(chunk);
            },
          }),
        );
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: limited,
    signal: request.signal,
    duplex: "half",
  } as RequestInit);
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

const tooLarge = (maxBytes: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `Request body is larger than the limit of ${maxBytes} bytes`);
