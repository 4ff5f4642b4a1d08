// Calls a Next.js route handler in-process, the way Next would: a Request and a context whose
// params are a promise. No server, no build.
type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** A value is sent as JSON (with its content type); a string is sent as is. */
  body?: unknown;
}

/**
 * A response body as tests read it: `error` for error responses, any other field as unknown
 * (success bodies have no `error`; tests read it only after checking the status).
 */
export type RestBody = {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
} & Record<string, unknown>;

export async function callRoute(handler: RouteHandler, options: CallOptions) {
  const headers = new Headers(options.headers);
  let body: string | undefined;
  if (typeof options.body === "string") body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new Request(`http://localhost${options.path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: JSON.parse(text) as RestBody,
  };
}
