// An endpoint's contract in one object: path, method, input and output schemas, the errors it
// documents. Route handlers are built from it (handle.ts), the OpenAPI document is generated from
// the same objects (server/openapi), and so is the list of paths proxy.ts skips
// (proxy-matcher.ts), so none of them can drift apart.
import type { z } from "zod";
import type { ErrorCode } from "../errors";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface EndpointSpec<
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
  TResponse extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/admin/assistants/{assistant_id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /**
   * Who may call it: `public` (no credentials), the credential the endpoint expects (an admin or
   * runtime API key, or a console session), or `widget`: the embed iframe's widget token for the
   * path's `{assistant_id}` (authenticate-widget.ts), answered in a visitor's terms
   * (widget-response.ts).
   */
  auth: "public" | "admin" | "runtime" | "widget";
  /**
   * Read by other sites' pages (the widget loader's status): every answer, errors included, carries
   * `Access-Control-Allow-Origin: *` and is never cached. Only for public endpoints, which read no
   * credentials.
   */
  cors?: true;
  /**
   * Asks the model a question: the time to its first token is the product, so it skips proxy.ts
   * (about 5 ms of CPU per request on 2 cores); see proxy-matcher.ts.
   */
  perQuestion?: true;
  params?: TParams;
  query?: TQuery;
  body?: TBody;
  /**
   * A multipart/form-data upload this endpoint accepts: the form, its file parts (`file`, as
   * binary strings, for the document) and its text fields, which the handler validates like a
   * body (errors name `body.<field>`). Files are streamed to disk (multipart.ts). With `body` too,
   * either form is accepted. Uploads skip proxy.ts, which would buffer them.
   */
  multipart?: z.ZodObject;
  response: TResponse;
  /** Success content type (JSON unless stated, e.g. text/event-stream). */
  contentType?: string;
  /** Success status (200 unless stated). */
  status?: number;
  /** For endpoints whose status follows the body (health): the status for a given output. */
  statusFor?: (output: never) => number;
  /** Error codes this endpoint may answer with, besides INTERNAL. */
  errors: ErrorCode[];
}

/** Keeps the spec's literal type, so handlers see exactly the schemas it declares. */
export function defineEndpoint<const S extends EndpointSpec>(spec: S): S {
  return spec;
}
