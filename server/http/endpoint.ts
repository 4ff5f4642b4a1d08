// An endpoint's contract in one object: path, method, input and output schemas, the errors it
// documents. Route handlers are built from it (handle.ts) and the OpenAPI document is generated
// from the same objects (server/openapi), so the two cannot drift apart.
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
  /** Who may call it: `public` (no credentials), or the credential the endpoint expects. */
  auth: "public" | "admin" | "runtime";
  params?: TParams;
  query?: TQuery;
  body?: TBody;
  /**
   * A multipart/form-data upload this endpoint accepts (documented with this schema; files are
   * streamed to disk by the handler, see multipart.ts). With `body` too, either form is accepted.
   */
  multipart?: z.ZodType;
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
